import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, isRenderedByChart } from "../lib/kinds";
import { ANNOTATED_KINDS, ANNOTATED_ONLY, istioAnnotationsOf, kindsOf } from "../lib/annotations";
import { ANNOTATION_VALUE_CHECKS } from "../lib/annotation-values";
import { describe } from "../lib/objects";

export const annotationValues: MeshResourcePolicy = forKinds(ANNOTATED_KINDS, {
    name: "platform-annotation-values",
    description:
        "Istio annotations whose values the sidecar injector checks (ports, CIDR ranges, interception mode, proxy resources...) have a value it accepts. Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["operations"],
        why: "the injector rejects the value",
        messages: [MESSAGES.AnnotationInvalid],
        istio: ["IST0125"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0125/",
    },
    validateResource: (args, reportViolation) => {
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        for (const a of istioAnnotationsOf(args)) {
            // As the analyzer: a misplaced annotation is reported as such (platform-annotation-placement), not checked further.
            const kinds = a.facts && kindsOf(a.facts);
            if (kinds && !kinds.includes(a.kind)) continue;
            const problem = ANNOTATION_VALUE_CHECKS[a.key]?.(a.value);
            if (problem) report(reportViolation, MESSAGES.AnnotationInvalid, { subject: describe(args), annotation: a.key, value: a.value, where: a.where, problem });
        }
    },
}, ANNOTATED_ONLY);
