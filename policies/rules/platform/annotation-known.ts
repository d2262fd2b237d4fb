import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, isRenderedByChart } from "../lib/kinds";
import { ANNOTATED_KINDS, ANNOTATED_ONLY, istioAnnotationsOf } from "../lib/annotations";
import { ANNOTATION_CATALOGUE_TAG } from "../lib/annotation-catalogue";
import { describe } from "../lib/objects";

export const annotationKnown: MeshResourcePolicy = forKinds(ANNOTATED_KINDS, {
    name: "platform-annotation-known",
    description:
        "Every annotation in Istio's namespace (`*istio.io/`) is one Istio's annotation catalogue defines: a misspelt one is silently ignored. Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["operations"],
        why: "Istio ignores a misspelt annotation",
        messages: [MESSAGES.AnnotationUnknown],
        istio: ["IST0108"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0108/",
    },
    validateResource: (args, reportViolation) => {
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        for (const a of istioAnnotationsOf(args)) {
            if (a.facts) continue;
            report(reportViolation, MESSAGES.AnnotationUnknown, { subject: describe(args), annotation: a.key, where: a.where, version: ANNOTATION_CATALOGUE_TAG });
        }
    },
}, ANNOTATED_ONLY);
