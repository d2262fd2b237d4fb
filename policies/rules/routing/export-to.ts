import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { DestinationRule, forKinds, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const exportTo: MeshResourcePolicy = forKinds([VirtualService, DestinationRule], {
    name: "routing-export-to",
    description: "VirtualServices and DestinationRules say which namespaces see them (exportTo) instead of defaulting to all.",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["traffic", "operations"],
        why: "otherwise pushed to, and applied in, every namespace",
        messages: [MESSAGES.ExportToUnset],
        istio: [],
        docs: "https://istio.io/latest/docs/ops/best-practices/traffic-management/#cross-namespace-configuration",
    },
    validateResource: (args, reportViolation) => {
        if (asList(args.props.spec?.exportTo).length > 0) return;
        report(reportViolation, MESSAGES.ExportToUnset, { subject: describe(args) });
    },
});
