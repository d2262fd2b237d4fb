import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { fqdn } from "../lib/hosts";
import { ofKind, VirtualService } from "../lib/kinds";
import { asList, describe, namespaceOf } from "../lib/objects";
import { destinationRulesByHost, destinationsOf, routesOf } from "../lib/routes";

export const subsetsDefined: MeshStackPolicy = {
    name: "routing-subsets-defined",
    description: "Every subset a VirtualService routes to is defined by the DestinationRule for that host (istioctl IST0101).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["traffic"],
        why: "requests to it fail with 503",
        messages: [MESSAGES.SubsetNotDefined],
        istio: ["IST0101"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0101/",
    },
    validateStack: (args, reportViolation) => {
        const rules = destinationRulesByHost(args.resources);
        for (const vs of ofKind(args.resources, VirtualService)) {
            for (const { where, route } of routesOf(vs.props.spec ?? {})) {
                for (const destination of destinationsOf(route)) {
                    if (!destination.subset || typeof destination.host !== "string") continue;
                    const host = fqdn(destination.host, namespaceOf(vs));
                    const drs = rules.get(host) ?? [];
                    const defined = drs.some((dr) => asList(dr.props.spec?.subsets).some((s) => s?.name === destination.subset));
                    if (defined) continue;
                    const fix =
                        drs.length === 0
                            ? `no DestinationRule has host ${host}. Add one with a subset named ${destination.subset} (and its pod labels).`
                            : `${drs.map(describe).join(", ")} does not define it. Add subset ${destination.subset} with the labels of its pods there.`;
                    report(reportViolation, MESSAGES.SubsetNotDefined, { subject: describe(vs), where, subset: destination.subset, host, fix }, vs.urn);
                }
            }
        }
    },
};
