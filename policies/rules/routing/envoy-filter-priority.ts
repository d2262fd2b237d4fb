import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { envoyFilterPatchFindings } from "../lib/envoy-filters";
import { describe } from "../lib/objects";

export const envoyFilterPriority: MeshStackPolicy = {
    name: "routing-envoy-filter-priority",
    description: "An EnvoyFilter with patches relative to other filters (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE) sets a priority (istioctl IST0151, IST0155).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "the patch applies by chance",
        messages: [MESSAGES.EnvoyFilterRelativeOperation, MESSAGES.EnvoyFilterRelativeToVersionedPatch],
        istio: ["IST0151", "IST0155"],
        docs: "https://istio.io/latest/docs/reference/config/networking/envoy-filter/",
    },
    validateStack: (args, reportViolation) => {
        for (const f of envoyFilterPatchFindings(args.resources)) {
            const subject = describe(f.filter);
            if (f.problem === "relative") report(reportViolation, MESSAGES.EnvoyFilterRelativeOperation, { subject, index: f.index, operation: f.operation }, f.filter.urn);
            if (f.problem === "relative-to-versioned") report(reportViolation, MESSAGES.EnvoyFilterRelativeToVersionedPatch, { subject, index: f.index, operation: f.operation, name: f.name }, f.filter.urn);
        }
    },
};
