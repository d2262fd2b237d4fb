import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { DestinationRule, forKinds } from "../lib/kinds";
import { asList, describe, Obj } from "../lib/objects";

/** TLS the client originates itself (SIMPLE, MUTUAL) verifies the server only against a CA it is given. */
const ORIGINATED = ["SIMPLE", "MUTUAL"];

/**
 * The analyzer judges the rule-wide trafficPolicy and its port-level settings,
 * not subsets; so does this policy. A credentialName with a workloadSelector
 * (a gateway's rule) brings its CA from that Secret.
 */
export const destinationRuleCaCertificates: MeshResourcePolicy = forKinds([DestinationRule], {
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
    validateResource: (args, reportViolation) => {
        const spec = args.props.spec ?? {};
        const selected = spec.workloadSelector !== undefined;
        const unverified = (tls: Obj | undefined) => ORIGINATED.includes(tls?.mode) && !tls!.caCertificates && !(tls!.credentialName && selected);
        const tls = spec.trafficPolicy?.tls;
        if (unverified(tls)) report(reportViolation, MESSAGES.DestinationRuleNoCaCertificates, { subject: describe(args), mode: tls.mode, host: spec.host });
        asList(spec.trafficPolicy?.portLevelSettings).forEach((p, i) => {
            if (!unverified(p?.tls)) return;
            report(reportViolation, MESSAGES.DestinationRulePortNoCaCertificates, {
                subject: describe(args), where: `trafficPolicy.portLevelSettings[${i}]`, mode: p.tls.mode, host: spec.host, port: p.port?.number ?? "?",
            });
        });
    },
});
