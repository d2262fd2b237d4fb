import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { namespaceWideConflicts } from "../lib/defaults";
import { Sidecar } from "../lib/kinds";
import { describe } from "../lib/objects";

export const oneDefaultSidecarPerNamespace: MeshStackPolicy = {
    name: "routing-one-default-sidecar-per-namespace",
    description: "At most one Sidecar without workloadSelector per namespace (istioctl IST0111).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "which one applies is undefined",
        messages: [MESSAGES.SidecarDefaultConflict],
        istio: ["IST0111"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0111/",
    },
    validateStack: (args, reportViolation) => {
        for (const { resource, others, namespace } of namespaceWideConflicts(args.resources, Sidecar, "workloadSelector")) {
            report(reportViolation, MESSAGES.SidecarDefaultConflict, { subject: describe(resource), others, namespace }, resource.urn);
        }
    },
};
