import { deprecatedInjectAnnotation as policy } from "../../../../policies/rules/workload/deprecated-inject-annotation";
import { assertHasViolation, assertNoViolations, assertNotApplicable, assertWellFormed, deployment, fixture } from "../../helpers";

describe("policy workload-deprecated-inject-annotation", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the label, and workloads that say nothing", async () => {
        await assertNoViolations(policy, deployment("batch", "default", { labels: { "sidecar.istio.io/inject": "false" } }));
        await assertNoViolations(policy, deployment("orders", "default"));
    });

    it("flags the annotation on a Deployment's pod template", async () => {
        await assertHasViolation(policy, deployment("batch", "default", { annotations: { "sidecar.istio.io/inject": "false" } }), [
            /Deployment default\/batch sets the deprecated annotation sidecar\.istio\.io\/inject: "false"/,
            /metadata\.labels\["sidecar\.istio\.io\/inject"\] = "false"/,
        ]);
    });

    it("flags it on a StatefulSet with value true", async () => {
        const sts = fixture("kubernetes:apps/v1:StatefulSet", "db", {
            metadata: { name: "db", namespace: "data" },
            spec: { template: { metadata: { annotations: { "sidecar.istio.io/inject": "true" } } } },
        });
        await assertHasViolation(policy, sts, [/StatefulSet data\/db/, /"true"/]);
    });

    it("does not judge pods rendered from a Helm chart: istiod's \"false\" and the gateway chart's \"true\"", async () => {
        const istiod = { ...deployment("istiod-1-30-3", "istio-system", { annotations: { "sidecar.istio.io/inject": "false" } }), parent: "urn:pulumi:prod::istio-mesh::istio-mesh:mesh:IstioMesh$kubernetes:helm.sh/v4:Chart::istio-istiod" };
        await assertNotApplicable(policy, istiod, /rendered from a Helm chart/);
    });
});
