import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds } from "../lib/kinds";
import { asList, describe, labelsOf, POD_TEMPLATE_KINDS, POD_TEMPLATE_ONLY, requirePodTemplate } from "../lib/objects";

/** The UID Istio's sidecar runs as; iptables sends its traffic around Envoy. */
const PROXY_UID = 1337;

/**
 * The analyzer reads Pods and Deployments; every workload with a pod
 * template runs its pods the same way, so this policy reads them all.
 * Istio's own control plane (labelled `istio` or `release: istio`) is left
 * out, as the analyzer leaves it out.
 */
export const applicationUid: MeshResourcePolicy = forKinds(POD_TEMPLATE_KINDS, {
    name: "workload-application-uid",
    description: "Application containers do not run as UID 1337, which Istio reserves for the sidecar (istioctl IST0144).",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "its traffic bypasses the sidecar",
        messages: [MESSAGES.ProxyUidInUse],
        istio: ["IST0144"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0144/",
    },
    validateResource: (args, reportViolation) => {
        const template = requirePodTemplate(args);
        const labels = labelsOf(args.props);
        if (labels.istio !== undefined || labels.release === "istio") return;
        const spec = template.spec ?? {};
        const places: [string, unknown][] = [
            ["the pod (securityContext.runAsUser)", spec.securityContext?.runAsUser],
            ...asList(spec.containers).filter((c) => c?.name !== "istio-proxy")
                .map((c): [string, unknown] => [`container ${c?.name} (securityContext.runAsUser)`, c?.securityContext?.runAsUser]),
        ];
        for (const [where, uid] of places) {
            if (Number(uid) === PROXY_UID) report(reportViolation, MESSAGES.ProxyUidInUse, { subject: describe(args), where });
        }
    },
}, POD_TEMPLATE_ONLY);
