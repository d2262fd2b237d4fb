import { istioChartVersions as policy } from "../../../../policies/rules/platform/istio-chart-versions";
import { assertNoViolations, assertViolations, assertWellFormed, chart, deployment } from "../../helpers";

const charts = (istiod: string | undefined) => [chart("istio-base", "base", "1.30.3", {}), chart("istio-istiod", "istiod", istiod, {}), chart("istio-gateway", "gateway", "1.30.3", {})];

describe("policy platform-istio-chart-versions", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes charts pinned to one version, and ignores other charts", async () => {
        await assertNoViolations(policy, [...charts("1.30.3"), chart("kiali", "kiali-server", "2.26.0", {}, "https://kiali.org/helm-charts")]);
    });

    it("flags charts from different versions", async () => {
        await assertViolations(policy, charts("1.29.2"), [{ code: "ISM0602", subject: "Istio charts" }]);
    });

    it("flags an unpinned chart", async () => {
        await assertViolations(policy, charts(undefined), [{ code: "ISM0601", subject: "Istio chart istiod (istio-istiod)" }]);
        await assertViolations(policy, charts("~1.30"), [{ code: "ISM0601", subject: "Istio chart istiod (istio-istiod)" }]);
    });

    it("reads the version of rendered objects from their helm.sh/chart label", async () => {
        const rendered = deployment("istiod", "istio-system");
        rendered.props.metadata.labels = { "helm.sh/chart": "istiod-1.29.0", "istio.io/rev": "default" };
        await assertViolations(policy, [chart("istio-base", "base", "1.30.3", {}), rendered], [{ code: "ISM0602", subject: "Istio charts" }]);
    });

    it("allows the versions of revisioned istiods during a canary upgrade, and nothing else", async () => {
        const canary = [chart("istio-istiod-1-29-6", "istiod", "1.29.6", { revision: "1-29-6" }), chart("istio-istiod-1-30-3", "istiod", "1.30.3", { revision: "1-30-3" })];
        await assertNoViolations(policy, [chart("istio-base", "base", "1.30.3", {}), ...canary, chart("istio-gateway", "gateway", "1.29.6", {})]);
        await assertViolations(policy, [chart("istio-base", "base", "1.30.2", {}), ...canary], [{ code: "ISM0602", subject: "Istio charts" }]);
        await assertViolations(policy, [chart("istio-base", "base", "1.30.3", {}), chart("istio-istiod", "istiod", "1.29.6", {}), canary[1]], [{ code: "ISM0602", subject: "Istio charts" }]);
    });
});
