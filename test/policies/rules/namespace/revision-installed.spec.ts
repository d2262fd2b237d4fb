import { strict as assert } from "assert";
import { revisionInstalled as policy } from "../../../../policies/rules/namespace/revision-installed";
import { assertViolations, assertNoViolations, assertWellFormed, chart, deployment, fixture, namespace } from "../../helpers";

const prodCharts = [chart("istio-base", "base", "1.30.3", { defaultRevision: "1-30-3" }), chart("istio-istiod", "istiod", "1.30.3", { revision: "1-30-3" })];

describe("policy namespace-revision-installed", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the installed revision, a default revision tag, an unrevisioned istiod, and a configured external revision", async () => {
        await assertNoViolations(policy, [...prodCharts, namespace("default", { "istio.io/rev": "1-30-3" }, true)]);
        const tagged = chart("istio-istiod", "istiod", "1.30.3", { revision: "1-30-3", revisionTags: ["default"] });
        await assertNoViolations(policy, [prodCharts[0], tagged, namespace("shop", { "istio.io/rev": "default" })]);
        await assertNoViolations(policy, [chart("istio-istiod", "istiod", "1.30.3", {}), namespace("shop", { "istio.io/rev": "default" })]);
        await assertNoViolations(policy, [namespace("shop", { "istio.io/rev": "canary" })], { externalRevisions: ["canary"] });
    });

    it("flags istio.io/rev=default in a revisioned install: base's defaultRevision makes no injection selector for it", async () => {
        const [v] = await assertViolations(policy, [...prodCharts, namespace("shop", { "istio.io/rev": "default" })], [{ code: "ISM0702", subject: "Namespace shop" }]);
        assert.match(v.message, /istio\.io\/rev=default, but no control plane with that revision is installed \(installed: 1-30-3\)/);
    });

    it("flags a revision no chart installs", async () => {
        await assertViolations(policy, [...prodCharts, namespace("shop", { "istio.io/rev": "1-29-0" })], [{ code: "ISM0702", subject: "Namespace shop" }]);
    });

    it("reads revisions and tags from rendered istiod Deployments and webhooks", async () => {
        const istiod = deployment("istiod-1-30-3", "istio-system");
        istiod.props.metadata.labels = { app: "istiod", "istio.io/rev": "1-30-3" };
        const tag = fixture("kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration", "tag-stable", {
            metadata: { name: "istio-revision-tag-stable", labels: { "istio.io/tag": "stable", "istio.io/rev": "1-30-3" } },
        });
        await assertNoViolations(policy, [istiod, tag, namespace("a", { "istio.io/rev": "stable" }), namespace("b", { "istio.io/rev": "1-30-3" })]);
        await assertViolations(policy, [istiod, namespace("c", { "istio.io/rev": "default" })], [{ code: "ISM0702", subject: "Namespace c" }]);
    });

    it("flags a gateway chart whose revision is not installed: its pods would start without a proxy", async () => {
        await assertNoViolations(policy, [...prodCharts, chart("istio-gateway", "gateway", "1.30.3", { revision: "1-30-3" })]);
        await assertViolations(policy, [...prodCharts, chart("istio-gateway", "gateway", "1.29.6", { revision: "1-29-6" })],
            [{ code: "ISM0702", subject: "Gateway chart istio-gateway" }]);
    });
});
