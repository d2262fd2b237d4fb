import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { namespaceWideConflicts } from "../lib/defaults";
import { Telemetry } from "../lib/kinds";
import { describe } from "../lib/objects";

/**
 * A Telemetry with targetRefs (for a Kubernetes Gateway or a waypoint) is not
 * namespace-wide, though the analyzer, which reads only the selector, counts
 * it: this policy does not.
 */
export const oneDefaultTelemetryPerNamespace: MeshStackPolicy = {
    name: "telemetry-one-default-per-namespace",
    description: "At most one Telemetry without selector or targetRefs per namespace (istioctl IST0160).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "low",
        topics: ["observability"],
        why: "which one applies is undefined",
        messages: [MESSAGES.TelemetryDefaultConflict],
        istio: ["IST0160"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0160/",
    },
    validateStack: (args, reportViolation) => {
        for (const { resource, others, namespace } of namespaceWideConflicts(args.resources, Telemetry, "selector")) {
            report(reportViolation, MESSAGES.TelemetryDefaultConflict, { subject: describe(resource), others, namespace }, resource.urn);
        }
    },
};
