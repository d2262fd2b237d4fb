import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { asList, describe, namespaceOf, ResourceLike } from "../lib/objects";
import { destinationRulesByHost } from "../lib/routes";

/** Namespaces a rule is visible from: its exportTo (`.` is its own namespace), `*` when unset. */
function visibleFrom(r: ResourceLike): Set<string> {
    const exportTo = asList(r.props.spec?.exportTo).map(String);
    if (exportTo.length === 0) return new Set(["*"]);
    return new Set(exportTo.map((ns) => (ns === "." ? namespaceOf(r) : ns)));
}

/** A namespace both rules are visible from, if any. */
function sharedVisibility(a: ResourceLike, b: ResourceLike): string | undefined {
    const va = visibleFrom(a);
    const vb = visibleFrom(b);
    if (va.has("*")) return vb.has("*") ? "every namespace" : [...vb][0];
    if (vb.has("*")) return [...va][0];
    return [...va].find((ns) => vb.has(ns));
}

/**
 * Istio picks a client's DestinationRule from the client's namespace, else the
 * service's, else the root namespace, so rules for one host in different
 * namespaces never meet (a client-side rule with exportTo ["."] is a
 * supported pattern). Two rules in one namespace that one client sees are
 * merged only partly.
 */
export const oneDestinationRulePerHost: MeshStackPolicy = {
    name: "routing-one-destination-rule-per-host",
    description:
        "At most one DestinationRule (without workloadSelector) per host visible from any one namespace, so subsets and traffic policy come from one place.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "Istio merges them only partly",
        messages: [MESSAGES.DestinationRuleConflict],
        istio: [],
        docs: "https://istio.io/latest/docs/ops/best-practices/traffic-management/#cross-namespace-configuration",
    },
    validateStack: (args, reportViolation) => {
        for (const [host, rules] of destinationRulesByHost(args.resources)) {
            rules.forEach((extra, i) => {
                const first = rules.slice(0, i).find((r) => namespaceOf(r) === namespaceOf(extra) && sharedVisibility(r, extra) !== undefined);
                if (!first) return;
                const namespaces = sharedVisibility(first, extra)!;
                report(reportViolation, MESSAGES.DestinationRuleConflict, { subject: describe(extra), host, other: describe(first), namespaces }, extra.urn);
            });
        }
    },
};
