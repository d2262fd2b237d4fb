import { StackValidationPolicy } from "@pulumi/policy";
import { MESSAGES, report } from "../lib/messages";
import { INJECTION_LABEL, namespaceLabels, REVISION_LABEL } from "../lib/mesh";

export const singleInjectionLabel: StackValidationPolicy = {
    name: "namespace-single-injection-label",
    description: "No namespace carries both istio-injection and istio.io/rev (istioctl IST0123).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const [name, ns] of namespaceLabels(args.resources)) {
            if (ns.labels[INJECTION_LABEL] === undefined || ns.labels[REVISION_LABEL] === undefined) continue;
            report(reportViolation, MESSAGES.NamespaceMultipleInjectionLabels, {
                subject: `Namespace ${name}`, injection: ns.labels[INJECTION_LABEL], revision: ns.labels[REVISION_LABEL], namespace: name,
            }, ns.resource.urn);
        }
    },
};
