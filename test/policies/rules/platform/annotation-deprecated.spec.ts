import { strict as assert } from "assert";
import { annotationDeprecated as policy } from "../../../../policies/rules/platform/annotation-deprecated";
import { assertNoViolations, assertViolations, assertWellFormed, deployment, fixture } from "../../helpers";

describe("policy platform-annotation-deprecated", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes current annotations, and leaves sidecar.istio.io/inject to workload-deprecated-inject-annotation", async () => {
        await assertNoViolations(policy, deployment("myapp", "default", { annotations: { "sidecar.istio.io/proxyCPU": "100m", "sidecar.istio.io/inject": "false" } }));
    });

    it("flags an annotation the catalogue marks deprecated", async () => {
        const svc = fixture("kubernetes:core/v1:Service", "legacy", { metadata: { name: "legacy", namespace: "apps", annotations: { "alpha.istio.io/kubernetes-serviceaccounts": "legacy" } } });
        const [r] = await assertViolations(policy, svc, [{ code: "ISM0613", subject: "Service apps/legacy" }]);
        assert.match(r.message, /alpha\.istio\.io\/kubernetes-serviceaccounts at metadata\.annotations\[.*\], which Istio 1\.30\.3 deprecates/);
        await assertViolations(policy, deployment("myapp", "default", { annotations: { "sidecar.istio.io/statsInclusionPrefixes": "cluster" } }),
            [{ code: "ISM0613", subject: "Deployment default/myapp" }]);
    });
});
