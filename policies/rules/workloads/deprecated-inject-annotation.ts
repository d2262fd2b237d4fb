import { ResourceValidationPolicy } from "@pulumi/policy";
import { MESSAGES, report } from "../lib/messages";
import { INJECT_KEY } from "../lib/injection";
import { isRenderedByChart } from "../lib/kinds";
import { annotationsOf, describe, requirePodTemplate } from "../lib/objects";

export const deprecatedInjectAnnotation: ResourceValidationPolicy = {
    name: "workload-deprecated-inject-annotation",
    description:
        "Pods the teams write choose injection with the sidecar.istio.io/inject label; the annotation of that name is deprecated (istioctl IST0135). Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        const template = requirePodTemplate(args);
        // Istio's own charts still set it (istiod "false", the gateway chart "true"): not the team's to change.
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        const value = annotationsOf(template)[INJECT_KEY];
        if (value === undefined) return;
        report(reportViolation, MESSAGES.DeprecatedInjectAnnotation, { subject: describe(args), key: INJECT_KEY, value });
    },
};
