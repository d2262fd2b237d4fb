import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { envoyFilterPatchFindings } from "../lib/envoy-filters";
import { describe } from "../lib/objects";

const MESSAGE_OF = { replace: MESSAGES.EnvoyFilterReplaceMisused, add: MESSAGES.EnvoyFilterAddMisused, remove: MESSAGES.EnvoyFilterRemoveMisused };

export const envoyFilterOperations: MeshStackPolicy = {
    name: "routing-envoy-filter-operations",
    description: "EnvoyFilter patches use REPLACE, ADD and REMOVE only where istiod applies them (istioctl IST0152, IST0153, IST0154).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "istiod ignores the patch",
        messages: Object.values(MESSAGE_OF),
        istio: ["IST0152", "IST0153", "IST0154"],
        docs: "https://istio.io/latest/docs/reference/config/networking/envoy-filter/#EnvoyFilter-Patch-Operation",
    },
    validateStack: (args, reportViolation) => {
        for (const f of envoyFilterPatchFindings(args.resources)) {
            if (f.problem !== "replace" && f.problem !== "add" && f.problem !== "remove") continue;
            report(reportViolation, MESSAGE_OF[f.problem], { subject: describe(f.filter), index: f.index, applyTo: f.applyTo }, f.filter.urn);
        }
    },
};
