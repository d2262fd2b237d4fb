import { strict as assert } from "assert";
import { annotationKnown as policy } from "../../../../policies/rules/platform/annotation-known";
import { assertNoViolations, assertViolations, assertWellFormed, deployment, fixture } from "../../helpers";

describe("policy platform-annotation-known", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes annotations of Istio's catalogue, others' annotations, and those Istio sets itself", async () => {
        await assertNoViolations(policy, deployment("myapp", "default", {
            annotations: { "sidecar.istio.io/proxyCPU": "100m", "prometheus.io/scrape": "true", "sidecar.istio.io/status": "{}", "notistio.io.example/x": "y" },
        }));
    });

    it("flags a misspelt one in a pod template and an invented one on a Service", async () => {
        const [r] = await assertViolations(policy, deployment("myapp", "default", { annotations: { "sidecar.istio.io/proxyCpu": "100m" } }),
            [{ code: "ISM0611", subject: "Deployment default/myapp" }]);
        assert.match(r.message, /sidecar\.istio\.io\/proxyCpu at spec\.template\.metadata\.annotations\["sidecar\.istio\.io\/proxyCpu"\]: .* not in Istio 1\.30\.3's annotation catalogue/);
        await assertViolations(policy, fixture("kubernetes:core/v1:Service", "myapp", { metadata: { name: "myapp", namespace: "apps", annotations: { "networking.istio.io/export-to": "." } } }),
            [{ code: "ISM0611", subject: "Service apps/myapp" }]);
    });
});
