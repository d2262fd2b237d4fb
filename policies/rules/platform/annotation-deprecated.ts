import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, isRenderedByChart } from "../lib/kinds";
import { ANNOTATED_KINDS, ANNOTATED_ONLY, istioAnnotationsOf } from "../lib/annotations";
import { ANNOTATION_CATALOGUE_TAG } from "../lib/annotation-catalogue";
import { INJECT_KEY } from "../lib/injection";
import { describe } from "../lib/objects";

export const annotationDeprecated: MeshResourcePolicy = forKinds(ANNOTATED_KINDS, {
    name: "platform-annotation-deprecated",
    description:
        "No annotation Istio's annotation catalogue marks deprecated (sidecar.istio.io/inject has its own policy, workload-deprecated-inject-annotation). Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["operations"],
        why: "deprecated in Istio's annotation catalogue",
        messages: [MESSAGES.AnnotationDeprecated],
        istio: ["IST0135"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0135/",
    },
    validateResource: (args, reportViolation) => {
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        for (const a of istioAnnotationsOf(args)) {
            if (!a.facts?.deprecated || a.key === INJECT_KEY) continue;
            report(reportViolation, MESSAGES.AnnotationDeprecated, { subject: describe(args), annotation: a.key, where: a.where, version: ANNOTATION_CATALOGUE_TAG });
        }
    },
}, ANNOTATED_ONLY);
