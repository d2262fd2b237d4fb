import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { INJECT_KEY } from "../lib/injection";
import { injectedNamespaces, REVISION_LABEL } from "../lib/mesh";
import { asList, describe, labelsOf, namespaceOf, podTemplateOf } from "../lib/objects";

const configSchema = {
    properties: {
        namespaces: stringList("Injected namespaces labelled outside this stack."),
    },
};

/**
 * A pod template with an `istio-proxy` container of image `auto` (Istio's
 * gateway injection) gets a real proxy only from the injection webhook: in
 * an injected namespace, or with the pod label sidecar.istio.io/inject=true
 * or istio.io/rev, which Istio's object-selector webhooks match.
 */
export const imageAutoInjected: MeshStackPolicy = {
    name: "workload-image-auto-injected",
    description: "A workload whose istio-proxy container has image auto is one the injection webhook injects (istioctl IST0146).",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["availability"],
        why: "image auto never starts",
        messages: [MESSAGES.ImageAutoNotInjected],
        istio: ["IST0146"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0146/",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { namespaces } = configWithDefaults<{ namespaces: string[] }>(args, configSchema);
        const injected = new Set([...injectedNamespaces(args.resources), ...namespaces]);
        for (const r of args.resources) {
            const template = podTemplateOf(r);
            if (!template || !asList(template.spec?.containers).some((c) => c?.name === "istio-proxy" && c.image === "auto")) continue;
            const labels = labelsOf(template);
            if (injected.has(namespaceOf(r)) || labels[INJECT_KEY] === "true" || labels[REVISION_LABEL]) continue;
            report(reportViolation, MESSAGES.ImageAutoNotInjected, { subject: describe(r), namespace: namespaceOf(r) }, r.urn);
        }
    },
};
