import { deprecatedInjectAnnotation as policy } from "../../../../policies/rules/workload/deprecated-inject-annotation";
import { assertNoViolations, assertViolations, assertNotApplicable, assertWellFormed, deployment, fixture } from "../../helpers";

describe("policy workload-deprecated-inject-annotation", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the label, and workloads that say nothing", async () => {
        await assertNoViolations(policy, deployment("batch", "default", { labels: { "sidecar.istio.io/inject": "false" } }));
        await assertNoViolations(policy, deployment("orders", "default"));
    });

    it("flags the annotation on a Deployment's pod template", async () => {
        await assertViolations(policy, deployment("batch", "default", { annotations: { "sidecar.istio.io/inject": "false" } }), [{ code: "ISM0503", subject: "Deployment default/batch" }]);
    });

    it("flags it on a StatefulSet with value true", async () => {
        const sts = fixture("kubernetes:apps/v1:StatefulSet", "db", {
            metadata: { name: "db", namespace: "data" },
            spec: { template: { metadata: { annotations: { "sidecar.istio.io/inject": "true" } } } },
        });
        await assertViolations(policy, sts, [{ code: "ISM0503", subject: "StatefulSet data/db" }]);
    });

    it("does not judge pods rendered from a Helm chart: istiod's \"false\" and the gateway chart's \"true\"", async () => {
        const istiod = { ...deployment("istiod-1-30-3", "istio-system", { annotations: { "sidecar.istio.io/inject": "false" } }), parent: "urn:pulumi:prod::istio-mesh::istio-mesh:mesh:IstioMesh$kubernetes:helm.sh/v4:Chart::istio-istiod" };
        await assertNotApplicable(policy, istiod, /rendered from a Helm chart/);
    });
});
