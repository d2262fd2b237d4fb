import { strict as assert } from "assert";
import { annotationPlacement as policy } from "../../../../policies/rules/platform/annotation-placement";
import { assertNoViolations, assertNotApplicable, assertViolations, assertWellFormed, deployment, fixture } from "../../helpers";

const CHART = "urn:pulumi:prod::istio-mesh::istio-mesh:mesh:IstioMesh$kubernetes:helm.sh/v4:Chart::istio-gateway";

describe("policy platform-annotation-placement", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes annotations where Istio reads them: a pod template's proxy settings, a Service's exportTo, one for any kind", async () => {
        await assertNoViolations(policy, deployment("myapp", "default", { annotations: { "sidecar.istio.io/proxyCPU": "100m", "example.com/x": "y" } }));
        await assertNoViolations(policy, fixture("kubernetes:core/v1:Service", "myapp", { metadata: { name: "myapp", namespace: "default", annotations: { "networking.istio.io/exportTo": "." } } }));
        await assertNoViolations(policy, fixture("kubernetes:core/v1:Namespace", "apps", { metadata: { name: "apps", annotations: { "galley.istio.io/analyze-suppress": "IST0102" } } }));
    });

    it("flags a Pod annotation on the Deployment's own metadata, and one on a Namespace", async () => {
        const d = deployment("myapp", "default");
        d.props.metadata.annotations = { "sidecar.istio.io/proxyMemory": "128Mi", "istio.io/rev": "1-30-3" };
        const [r] = await assertViolations(policy, d, [{ code: "ISM0610", subject: "Deployment default/myapp" }]);
        assert.match(r.message, /sidecar\.istio\.io\/proxyMemory at metadata\.annotations\["sidecar\.istio\.io\/proxyMemory"\], but Istio reads it only on Pod/);
        assert.match(r.message, /spec\.template\.metadata\.annotations/);
        await assertViolations(policy, fixture("kubernetes:core/v1:Namespace", "apps", { metadata: { name: "apps", annotations: { "networking.istio.io/exportTo": "." } } }),
            [{ code: "ISM0610", subject: "Namespace default/apps" }]);
    });

    it("flags a Service annotation in a pod template", async () => {
        await assertViolations(policy, deployment("myapp", "default", { annotations: { "networking.istio.io/exportTo": "." } }), [{ code: "ISM0610", subject: "Deployment default/myapp" }]);
    });

    it("does not judge objects rendered from a Helm chart", async () => {
        await assertNotApplicable(policy, { ...deployment("gw", "istio-ingress"), parent: CHART }, /rendered from a Helm chart/);
    });
});
