import { ResourceValidationPolicy } from "@pulumi/policy";
import { DestinationRule, requireKind, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const exportTo: ResourceValidationPolicy = {
    name: "routing-export-to",
    description: "VirtualServices and DestinationRules say which namespaces see them (exportTo) instead of defaulting to all.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        requireKind(args, VirtualService, DestinationRule);
        if (asList(args.props.spec?.exportTo).length > 0) return;
        reportViolation(
            `${describe(args)} has no exportTo, so it is pushed to every sidecar and applies to callers in all namespaces. ` +
                'Set exportTo: ["."] to keep it to its own namespace, or list the namespaces whose clients it is meant for.',
        );
    },
};
