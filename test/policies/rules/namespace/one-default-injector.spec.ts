import { oneDefaultInjector as policy } from "../../../../policies/rules/namespace/one-default-injector";
import { assertNoViolations, assertViolations, assertWellFormed, chart, fixture } from "../../helpers";

const webhook = (name: string, enabled: boolean) => fixture("kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration", name, {
    metadata: { name },
    webhooks: [{ name: "namespace.sidecar-injector.istio.io", namespaceSelector: { matchExpressions: [
        enabled ? { key: "istio-injection", operator: "In", values: ["enabled"] } : { key: "istio.io/rev", operator: "In", values: ["stable"] },
    ] } }],
});

describe("policy namespace-one-default-injector", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one unrevisioned istiod, or revisions with one default tag, and counts a chart and its render once", async () => {
        await assertNoViolations(policy, [chart("istio-istiod", "istiod", "1.30.3", {})]);
        await assertNoViolations(policy, [
            chart("istio-istiod-1-29-6", "istiod", "1.29.6", { revision: "1-29-6", revisionTags: ["default"] }),
            chart("istio-istiod-1-30-3", "istiod", "1.30.3", { revision: "1-30-3", revisionTags: ["canary"] }),
        ]);
        await assertNoViolations(policy, [chart("istio-istiod", "istiod", "1.30.3", {}), webhook("istio-sidecar-injector", true), webhook("istio-revision-tag-stable", false)]);
    });

    it("flags an unrevisioned istiod beside a default tag", async () => {
        await assertViolations(policy, [
            chart("istio-istiod", "istiod", "1.29.6", {}),
            chart("istio-istiod-1-30-3", "istiod", "1.30.3", { revision: "1-30-3", revisionTags: ["default"] }),
        ], [{ code: "ISM0703", subject: "The stack" }]);
    });

    it("flags two rendered webhooks selecting istio-injection=enabled", async () => {
        await assertViolations(policy, [webhook("istio-sidecar-injector", true), webhook("istio-revision-tag-default", true)],
            [{ code: "ISM0703", subject: "The stack" }]);
    });
});
