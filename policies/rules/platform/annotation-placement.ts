import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, isRenderedByChart } from "../lib/kinds";
import { ANNOTATED_KINDS, ANNOTATED_ONLY, istioAnnotationsOf, kindsOf } from "../lib/annotations";
import { describe } from "../lib/objects";

export const annotationPlacement: MeshResourcePolicy = forKinds(ANNOTATED_KINDS, {
    name: "platform-annotation-placement",
    description:
        "An Istio annotation sits on a kind of object Istio reads it on, per Istio's annotation catalogue (a workload's own metadata is not its pods'). Objects rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["operations"],
        why: "a misplaced annotation does nothing",
        messages: [MESSAGES.AnnotationMisplaced],
        istio: ["IST0107"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0107/",
    },
    validateResource: (args, reportViolation) => {
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        for (const a of istioAnnotationsOf(args)) {
            const kinds = a.facts && kindsOf(a.facts);
            if (!kinds || kinds.includes(a.kind)) continue;
            const fix = kinds.includes("Pod") && a.where.startsWith("metadata.")
                ? "Move it to the pod template's metadata.annotations (spec.template.metadata.annotations for a Deployment)."
                : `Move it to the ${kinds.join(" or ")} it is meant for.`;
            report(reportViolation, MESSAGES.AnnotationMisplaced, { subject: describe(args), annotation: a.key, where: a.where, kinds: kinds.join(", "), fix });
        }
    },
}, ANNOTATED_ONLY);
