import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, Gateway, isKind, ServiceEntry } from "../lib/kinds";
import { asList, describe, isObj, Obj } from "../lib/objects";

/** Protocols Istio serves as HTTP (pkg/config/protocol Instance.IsHTTP). */
const HTTP_PROTOCOLS = ["HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-WEB"];
const CERTIFICATE_FIELDS = ["serverCertificate", "privateKey", "caCertificates", "caCrl", "credentialName", "credentialNames", "tlsCertificates"];

type Finding = { where: string; problem: string };

function gatewayWarnings(spec: Obj): Finding[] {
    return asList(spec.servers).flatMap((server, i): Finding[] => {
        const tls = isObj(server?.tls) ? server.tls : {};
        const out: Finding[] = [];
        if (tls.httpsRedirect && !HTTP_PROTOCOLS.includes(String(server?.port?.protocol ?? "").toUpperCase())) {
            out.push({ where: `servers[${i}].tls.httpsRedirect`, problem: `a redirect to HTTPS on a ${server?.port?.protocol} server, which receives no plain HTTP to redirect; set it on the HTTP server only` });
        }
        const ignored = CERTIFICATE_FIELDS.filter((f) => tls[f] !== undefined && tls[f] !== "" && !(Array.isArray(tls[f]) && tls[f].length === 0));
        if ((tls.mode === "PASSTHROUGH" || tls.mode === "AUTO_PASSTHROUGH") && ignored.length > 0) {
            out.push({ where: `servers[${i}].tls`, problem: `mode ${tls.mode} does not terminate TLS, so ${ignored.join(", ")} ${ignored.length > 1 ? "are" : "is"} ignored; remove them, or use mode SIMPLE or MUTUAL to terminate TLS at the gateway` });
        }
        return out;
    });
}

function serviceEntryWarnings(spec: Obj): Finding[] {
    if ((spec.resolution ?? "NONE") !== "NONE" || spec.workloadSelector === undefined) return [];
    return [{ where: "workloadSelector", problem: "a workloadSelector with resolution NONE, which ignores it; use resolution STATIC to send traffic to the selected workloads, or remove it" }];
}

/**
 * Some of the warnings istiod's own validation gives (pkg/config/validation),
 * which the analyzer reports as IST0133; the unreachable and ineffective
 * routes among them have their own policy (routing-unreachable-rules).
 */
export const validationWarnings: MeshResourcePolicy = forKinds([Gateway, ServiceEntry], {
    name: "routing-validation-warnings",
    description: "Settings istiod's validation warns about because they do nothing: httpsRedirect on a Gateway server that is not HTTP, certificates on a PASSTHROUGH server, a ServiceEntry's workloadSelector with resolution NONE (istioctl IST0133, in part).",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["traffic"],
        why: "a setting that does nothing",
        messages: [MESSAGES.ValidationWarning],
        istio: ["IST0133"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0133/",
    },
    validateResource: (args, reportViolation) => {
        const spec: Obj = isObj(args.props.spec) ? args.props.spec : {};
        const findings = isKind(args.type, Gateway) ? gatewayWarnings(spec) : serviceEntryWarnings(spec);
        for (const f of findings) report(reportViolation, MESSAGES.ValidationWarning, { subject: describe(args), ...f });
    },
});
