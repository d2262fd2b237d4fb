import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { DestinationRule, forKinds } from "../lib/kinds";
import { asList, describe, Obj } from "../lib/objects";

const configSchema = {
    properties: {
        exemptHosts: stringList("Hosts outside the mesh that only speak plaintext, for which tls.mode DISABLE is accepted."),
    },
};

/** Every trafficPolicy of a DestinationRule, with where it sits. */
function trafficPolicies(spec: Obj): [string, Obj][] {
    const found: [string, Obj][] = [];
    const visit = (where: string, policy: Obj | undefined) => {
        if (!policy) return;
        found.push([where, policy]);
        asList(policy.portLevelSettings).forEach((p, i) => found.push([`${where}.portLevelSettings[${i}]`, p ?? {}]));
    };
    visit("trafficPolicy", spec.trafficPolicy);
    asList(spec.subsets).forEach((s, i) => visit(`subsets[${i}](${s?.name}).trafficPolicy`, s?.trafficPolicy));
    return found;
}

export const destinationRuleTls: MeshResourcePolicy = forKinds([DestinationRule], {
    name: "mtls-destination-rule-tls",
    description: "A DestinationRule must not turn TLS off (tls.mode DISABLE) for traffic inside the mesh.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "clients send plaintext, STRICT servers reject it",
        messages: [MESSAGES.DestinationRuleTlsDisabled],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings",
        related: "Kyverno `enforce-tls-hosts-host-subnets`",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { exemptHosts } = configWithDefaults<{ exemptHosts: string[] }>(args, configSchema);
        const spec = args.props.spec ?? {};
        if (exemptHosts.includes(spec.host)) return;
        for (const [where, policy] of trafficPolicies(spec)) {
            if (policy.tls?.mode === "DISABLE") {
                report(reportViolation, MESSAGES.DestinationRuleTlsDisabled, { subject: describe(args), where, host: spec.host });
            }
        }
    },
});
