import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { INJECTION_LABEL, namespaceLabels, REVISION_LABEL } from "../lib/mesh";

export const singleInjectionLabel: MeshStackPolicy = {
    name: "namespace-single-injection-label",
    description: "No namespace carries both istio-injection and istio.io/rev (istioctl IST0123).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["operations"],
        why: "the revision label is ignored",
        messages: [MESSAGES.NamespaceMultipleInjectionLabels],
        istio: ["IST0123"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0123/",
    },
    validateStack: (args, reportViolation) => {
        for (const [name, ns] of namespaceLabels(args.resources)) {
            if (ns.labels[INJECTION_LABEL] === undefined || ns.labels[REVISION_LABEL] === undefined) continue;
            report(reportViolation, MESSAGES.NamespaceMultipleInjectionLabels, {
                subject: `Namespace ${name}`, injection: ns.labels[INJECTION_LABEL], revision: ns.labels[REVISION_LABEL], namespace: name,
            }, ns.resource.urn);
        }
    },
};
