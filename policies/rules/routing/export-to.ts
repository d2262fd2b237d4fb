import { ResourceValidationPolicy } from "@pulumi/policy";
import { DestinationRule, isKind, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const exportTo: ResourceValidationPolicy = {
    name: "routing-export-to",
    description: "VirtualServices and DestinationRules say which namespaces see them (exportTo) instead of defaulting to all.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if (!isKind(args.type, VirtualService, DestinationRule)) return;
        if (asList(args.props.spec?.exportTo).length > 0) return;
        reportViolation(
            `${describe(args)} has no exportTo, so it is pushed to every sidecar and applies to callers in all namespaces. ` +
                'Set exportTo: ["."] to keep it to its own namespace, or list the namespaces whose clients it is meant for.',
        );
    },
};
