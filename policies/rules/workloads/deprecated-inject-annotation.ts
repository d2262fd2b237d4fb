import { ResourceValidationPolicy } from "@pulumi/policy";
import { INJECT_KEY } from "../lib/injection";
import { annotationsOf, describe, requirePodTemplate } from "../lib/objects";

export const deprecatedInjectAnnotation: ResourceValidationPolicy = {
    name: "workload-deprecated-inject-annotation",
    description: "Pods choose injection with the sidecar.istio.io/inject label; the annotation of that name is deprecated (istioctl IST0135).",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        const value = annotationsOf(requirePodTemplate(args))[INJECT_KEY];
        if (value === undefined) return;
        reportViolation(
            `${describe(args)} sets the deprecated annotation ${INJECT_KEY}: "${value}" on its pods; it may stop working in a future Istio. ` +
                `Move it to a pod template label: metadata.labels["${INJECT_KEY}"] = "${value}".`,
        );
    },
};
