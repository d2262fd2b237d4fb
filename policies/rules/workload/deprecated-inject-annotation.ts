import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { INJECT_KEY } from "../lib/injection";
import { forKinds, isRenderedByChart } from "../lib/kinds";
import { annotationsOf, describe, POD_TEMPLATE_KINDS, POD_TEMPLATE_ONLY, requirePodTemplate } from "../lib/objects";

export const deprecatedInjectAnnotation: MeshResourcePolicy = forKinds(POD_TEMPLATE_KINDS, {
    name: "workload-deprecated-inject-annotation",
    description:
        "Pods the teams write choose injection with the sidecar.istio.io/inject label; the annotation of that name is deprecated (istioctl IST0135). Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["operations"],
        why: "deprecated in Istio's annotation catalogue",
        messages: [MESSAGES.DeprecatedInjectAnnotation],
        istio: ["IST0135"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0135/",
    },
    validateResource: (args, reportViolation) => {
        const template = requirePodTemplate(args);
        // Istio's own charts still set it (istiod "false", the gateway chart "true"): not the team's to change.
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        const value = annotationsOf(template)[INJECT_KEY];
        if (value === undefined) return;
        report(reportViolation, MESSAGES.DeprecatedInjectAnnotation, { subject: describe(args), key: INJECT_KEY, value });
    },
}, POD_TEMPLATE_ONLY);
