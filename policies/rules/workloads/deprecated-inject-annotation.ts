import { ResourceValidationPolicy } from "@pulumi/policy";
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
        reportViolation(
            `${describe(args)} sets the deprecated annotation ${INJECT_KEY}: "${value}" on its pods; it may stop working in a future Istio. ` +
                `Move it to a pod template label: metadata.labels["${INJECT_KEY}"] = "${value}".`,
        );
    },
};
