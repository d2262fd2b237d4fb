import { StackValidationPolicy } from "@pulumi/policy";
import { describe } from "../lib/objects";
import { destinationRulesByHost } from "../lib/routes";

export const oneDestinationRulePerHost: StackValidationPolicy = {
    name: "routing-one-destination-rule-per-host",
    description: "At most one DestinationRule (without workloadSelector) per host, so subsets and traffic policy come from one place.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const [host, rules] of destinationRulesByHost(args.resources)) {
            if (rules.length < 2) continue;
            for (const extra of rules.slice(1)) {
                reportViolation(
                    `${describe(extra)} configures host ${host}, which ${describe(rules[0])} configures already. ` +
                        "Istio merges such rules only partly (the oldest rule's trafficPolicy wins; a subset defined twice keeps its first definition). Merge them into one DestinationRule.",
                    extra.urn,
                );
            }
        }
    },
};
