import { StackValidationPolicy } from "@pulumi/policy";
import { INJECTION_LABEL, namespaceLabels, REVISION_LABEL } from "../lib/mesh";

export const singleInjectionLabel: StackValidationPolicy = {
    name: "namespace-single-injection-label",
    description: "No namespace carries both istio-injection and istio.io/rev (istioctl IST0123).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const [name, ns] of namespaceLabels(args.resources)) {
            if (ns.labels[INJECTION_LABEL] === undefined || ns.labels[REVISION_LABEL] === undefined) continue;
            reportViolation(
                `Namespace ${name} has both ${INJECTION_LABEL}=${ns.labels[INJECTION_LABEL]} and ${REVISION_LABEL}=${ns.labels[REVISION_LABEL]}: ` +
                    `${INJECTION_LABEL} wins and the revision is ignored, so pods are injected by the wrong control plane (or not at all). ` +
                    `Keep one label: ${REVISION_LABEL} for a revisioned control plane (kubectl label namespace ${name} ${INJECTION_LABEL}-), ${INJECTION_LABEL}=enabled otherwise.`,
                ns.resource.urn,
            );
        }
    },
};
