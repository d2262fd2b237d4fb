import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { isKind, MutatingWebhookConfiguration } from "../lib/kinds";
import { INJECTION_LABEL, istioCharts } from "../lib/mesh";
import { asList, isObj, objectName, STACK } from "../lib/objects";

/**
 * The webhooks that claim `istio-injection=enabled`, by the name of their
 * MutatingWebhookConfiguration: read off istiod charts (an unrevisioned one,
 * or one whose revisionTags has `default`) and off rendered webhooks, so a
 * chart and what it renders count once.
 */
function defaultClaims(resources: Parameters<MeshStackPolicy["validateStack"]>[0]["resources"]): string[] {
    const claims = new Set<string>();
    for (const c of istioCharts(resources)) {
        if (c.chart !== "istiod") continue;
        const suffix = c.namespace && c.namespace !== "istio-system" ? `-${c.namespace}` : "";
        if (!c.values.revision) claims.add(`istio-sidecar-injector${suffix}`);
        if (asList(c.values.revisionTags).includes("default")) claims.add(`istio-revision-tag-default${suffix}`);
    }
    for (const r of resources.filter((x) => isKind(x.type, MutatingWebhookConfiguration))) {
        const selectsEnabled = asList(r.props.webhooks).some((w) => isObj(w) && asList(w.namespaceSelector?.matchExpressions)
            .some((e) => isObj(e) && e.key === INJECTION_LABEL && e.operator === "In" && asList(e.values).includes("enabled")));
        if (selectsEnabled) claims.add(objectName(r));
    }
    return [...claims].sort();
}

export const oneDefaultInjector: MeshStackPolicy = {
    name: "namespace-one-default-injector",
    description: "At most one control plane (an unrevisioned istiod or the default revision tag) injects namespaces labelled istio-injection=enabled.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["operations"],
        why: "pods injected by a random revision",
        messages: [MESSAGES.DefaultInjectorTwice],
        istio: [],
        docs: "https://istio.io/latest/docs/setup/upgrade/canary/#default-tag",
    },
    validateStack: (args, reportViolation) => {
        const claims = defaultClaims(args.resources);
        if (claims.length > 1) report(reportViolation, MESSAGES.DefaultInjectorTwice, { subject: STACK, claims: claims.join(", ") });
    },
};
