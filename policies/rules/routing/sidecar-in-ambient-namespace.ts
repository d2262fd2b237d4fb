import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { namespaceWideByNamespace } from "../lib/defaults";
import { Sidecar } from "../lib/kinds";
import { namespaceLabels } from "../lib/mesh";
import { describe } from "../lib/objects";

/**
 * A namespace-wide Sidecar in an ambient namespace. One with a
 * workloadSelector is judged by the analyzer through the pods it selects
 * (a pod may leave ambient mode with its own label), which only a cluster has.
 */
export const sidecarInAmbientNamespace: MeshStackPolicy = {
    name: "routing-sidecar-in-ambient-namespace",
    description: "No namespace-wide Sidecar in a namespace the stack puts in ambient mode (istioctl IST0167).",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["traffic"],
        why: "ambient pods have no sidecar to configure",
        messages: [MESSAGES.SidecarInAmbientNamespace],
        istio: ["IST0167"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0167/",
    },
    validateStack: (args, reportViolation) => {
        const namespaces = namespaceLabels(args.resources);
        for (const [namespace, sidecars] of namespaceWideByNamespace(args.resources, Sidecar, "workloadSelector")) {
            if (namespaces.get(namespace)?.labels["istio.io/dataplane-mode"] !== "ambient") continue;
            for (const s of sidecars) report(reportViolation, MESSAGES.SidecarInAmbientNamespace, { subject: describe(s), namespace }, s.urn);
        }
    },
};
