import { ResourceValidationPolicy } from "@pulumi/policy";
import { MESSAGES, report } from "../lib/messages";
import { DestinationRule, requireKind, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const exportTo: ResourceValidationPolicy = {
    name: "routing-export-to",
    description: "VirtualServices and DestinationRules say which namespaces see them (exportTo) instead of defaulting to all.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        requireKind(args, VirtualService, DestinationRule);
        if (asList(args.props.spec?.exportTo).length > 0) return;
        report(reportViolation, MESSAGES.ExportToUnset, { subject: describe(args) });
    },
};
