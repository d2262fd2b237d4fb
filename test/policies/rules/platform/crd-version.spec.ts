import { crdVersion as policy } from "../../../../policies/rules/platform/crd-version";
import { assertNoViolations, assertViolations, assertWellFormed, chart, deployment, fixture } from "../../helpers";

const istiod = (revision: string, version: string) => chart(`istio-istiod-${revision}`, "istiod", version, { revision });

describe("policy platform-crd-version", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes CRDs as new as the newest istiod, during a canary upgrade too", async () => {
        await assertNoViolations(policy, [chart("istio-base", "base", "1.30.3", {}), istiod("1-29-6", "1.29.6"), istiod("1-30-3", "1.30.3")]);
        await assertNoViolations(policy, [chart("istio-base", "base", "1.30.3", {}), chart("istio-istiod", "istiod", "1.30.3", {})]);
    });

    it("flags CRDs older than a revision: the new istiod before its CRDs, or a rollback that lowers them", async () => {
        await assertViolations(policy, [chart("istio-base", "base", "1.29.6", {}), istiod("1-29-6", "1.29.6"), istiod("1-30-3", "1.30.3")],
            [{ code: "ISM0608", subject: "The Istio CRDs" }]);
        await assertViolations(policy, [chart("istio-base", "base", "1.29.6", {}), istiod("1-30-3", "1.30.3")],
            [{ code: "ISM0608", subject: "The Istio CRDs" }]);
    });

    it("reads rendered CRDs and istiod Deployments by their helm.sh/chart labels", async () => {
        const crd = fixture("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "vs", {
            metadata: { name: "virtualservices.networking.istio.io", labels: { "helm.sh/chart": "base-1.29.6" } },
        });
        const rendered = deployment("istiod-1-30-3", "istio-system");
        rendered.props.metadata.labels = { app: "istiod", "istio.io/rev": "1-30-3", "helm.sh/chart": "istiod-1.30.3" };
        await assertViolations(policy, [crd, rendered], [{ code: "ISM0608", subject: "The Istio CRDs" }]);
    });
});
