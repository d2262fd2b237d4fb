import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { DestinationRule, forKinds } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

const configSchema = {
    properties: {
        exemptHosts: stringList("Hosts that need no outlier detection (a single external endpoint, ...)."),
    },
};

export const outlierDetection: MeshResourcePolicy = forKinds([DestinationRule], {
    name: "resilience-outlier-detection",
    description: "A DestinationRule sets outlierDetection (a circuit breaker), for the whole host or for every subset.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["resilience"],
        why: "failing pods keep getting traffic",
        messages: [MESSAGES.OutlierDetectionMissing],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { exemptHosts } = configWithDefaults<{ exemptHosts: string[] }>(args, configSchema);
        const spec = args.props.spec ?? {};
        if (exemptHosts.includes(spec.host) || spec.trafficPolicy?.outlierDetection) return;
        const subsets = asList(spec.subsets);
        const missing = subsets.filter((s) => !s?.trafficPolicy?.outlierDetection).map((s) => s?.name);
        if (subsets.length > 0 && missing.length === 0) return;
        const where = subsets.length > 0 ? ` (nor do subsets ${missing.join(", ")})` : "";
        report(reportViolation, MESSAGES.OutlierDetectionMissing, { subject: describe(args), where, host: spec.host });
    },
});
