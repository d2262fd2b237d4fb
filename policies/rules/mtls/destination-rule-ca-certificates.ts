import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { DestinationRule, ofKind } from "../lib/kinds";
import { gatewayNamespaces } from "../lib/gateway-workloads";
import { injectedNamespaces } from "../lib/mesh";
import { asList, describe, namespaceOf, Obj, ResourceLike } from "../lib/objects";

/** TLS the client originates itself (SIMPLE, MUTUAL) verifies the server only against a CA it is given. */
const ORIGINATED = ["SIMPLE", "MUTUAL"];

/**
 * The analyzer judges the rule-wide trafficPolicy and its port-level settings,
 * not subsets; so does this policy. A credentialName brings its CA from that
 * Secret wherever Istio reads it: at gateways, and at sidecars only for a rule
 * with a workloadSelector. So it counts for a rule with a workloadSelector, or
 * one exported to its own namespace only where that namespace runs the stack's
 * gateways and no injected workloads (an egress gateway's TLS origination).
 */
export const destinationRuleCaCertificates: MeshStackPolicy = {
    name: "mtls-destination-rule-ca-certificates",
    description: "A DestinationRule that originates TLS (mode SIMPLE or MUTUAL) names the CA that signs the server's certificate (istioctl IST0128, IST0129).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["security"],
        why: "the server's identity is not pinned",
        messages: [MESSAGES.DestinationRuleNoCaCertificates, MESSAGES.DestinationRulePortNoCaCertificates],
        istio: ["IST0128", "IST0129"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0128/",
    },
    validateStack: (args, reportViolation) => {
        const injected = new Set(injectedNamespaces(args.resources));
        const gatewaysOnly = [...gatewayNamespaces(args.resources)].filter((ns) => !injected.has(ns));
        const readByGatewaysOnly = (dr: ResourceLike) => {
            const exportTo = asList(dr.props.spec?.exportTo);
            return gatewaysOnly.includes(namespaceOf(dr)) && exportTo.length === 1 && [".", namespaceOf(dr)].includes(exportTo[0]);
        };
        for (const dr of ofKind(args.resources, DestinationRule)) {
            const spec = dr.props.spec ?? {};
            const credentialCa = spec.workloadSelector !== undefined || readByGatewaysOnly(dr);
            const unverified = (tls: Obj | undefined) => ORIGINATED.includes(tls?.mode) && !tls!.caCertificates && !(tls!.credentialName && credentialCa);
            const tls = spec.trafficPolicy?.tls;
            if (unverified(tls)) report(reportViolation, MESSAGES.DestinationRuleNoCaCertificates, { subject: describe(dr), mode: tls.mode, host: spec.host }, dr.urn);
            asList(spec.trafficPolicy?.portLevelSettings).forEach((p, i) => {
                if (!unverified(p?.tls)) return;
                report(reportViolation, MESSAGES.DestinationRulePortNoCaCertificates, {
                    subject: describe(dr), where: `trafficPolicy.portLevelSettings[${i}]`, mode: p.tls.mode, host: spec.host, port: p.port?.number ?? "?",
                }, dr.urn);
            });
        }
    },
};
