import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { CustomResourceDefinition, ofKind, Sidecar, Telemetry, VirtualService } from "../lib/kinds";
import { meshConfigs } from "../lib/mesh";
import { asList, describe, isObj, objectName } from "../lib/objects";

/** The rbac.istio.io kinds Istio removed (AuthorizationPolicy replaced them). */
const REMOVED_RBAC = ["ClusterRbacConfig", "RbacConfig", "ServiceRole", "ServiceRoleBinding"];

/** The deprecations `istioctl analyze` reports (its deprecation and Lightstep analyzers). */
export const deprecatedFields: MeshStackPolicy = {
    name: "platform-deprecated-fields",
    description:
        "No deprecated Istio fields: HTTPRoute fault.delay.percent, Sidecar outboundTrafficPolicy.egressProxy, tracing to a Lightstep provider, the removed rbac.istio.io kinds (istioctl IST0002).",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["operations"],
        why: "ignored now or removed in a coming release",
        messages: [MESSAGES.DeprecatedField],
        istio: ["IST0002"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0002/",
    },
    validateStack: (args, reportViolation) => {
        for (const vs of ofKind(args.resources, VirtualService)) {
            asList(vs.props.spec?.http).forEach((route, i) => {
                if (!(Number(route?.fault?.delay?.percent) > 0)) return;
                report(reportViolation, MESSAGES.DeprecatedField, {
                    subject: describe(vs), field: `http[${i}].fault.delay.percent`, detail: "an integer share of requests.", replacement: "fault.delay.percentage.value (a fraction, 0 to 100)",
                }, vs.urn);
            });
        }
        for (const sidecar of ofKind(args.resources, Sidecar)) {
            if (!isObj(sidecar.props.spec?.outboundTrafficPolicy?.egressProxy)) continue;
            report(reportViolation, MESSAGES.DeprecatedField, {
                subject: describe(sidecar), field: "outboundTrafficPolicy.egressProxy", detail: "the proxy ignores it.", replacement: "an egress gateway with a VirtualService for the external hosts",
            }, sidecar.urn);
        }
        const lightstep = new Set(meshConfigs(args.resources).flatMap((mesh) => asList(mesh.extensionProviders).filter((p) => isObj(p?.lightstep)).map((p) => p.name)));
        for (const t of ofKind(args.resources, Telemetry)) {
            asList(t.props.spec?.tracing).forEach((tracing, i) => {
                for (const p of asList(tracing?.providers).filter((p) => lightstep.has(p?.name))) {
                    report(reportViolation, MESSAGES.DeprecatedField, {
                        subject: describe(t), field: `tracing[${i}] provider ${p.name} (lightstep)`, detail: "the Lightstep provider is deprecated.", replacement: "an OpenTelemetry provider (opentelemetry in meshConfig.extensionProviders)",
                    }, t.urn);
                }
            });
        }
        for (const crd of ofKind(args.resources, CustomResourceDefinition)) {
            const spec = crd.props.spec ?? {};
            if (spec.group !== "rbac.istio.io" || !REMOVED_RBAC.includes(spec.names?.kind)) continue;
            report(reportViolation, MESSAGES.DeprecatedField, {
                subject: `CustomResourceDefinition ${objectName(crd)}`, field: `custom resource type rbac.istio.io ${spec.names.kind}`, detail: "Istio removed it.", replacement: "AuthorizationPolicy (security.istio.io)",
            }, crd.urn);
        }
    },
};
