import { strict as assert } from "assert";
import { sidecarResources as policy } from "../../../../policies/rules/workloads/sidecar-resources";
import { assertHasViolation, assertNoViolations, assertWellFormed, createResourceValidationArgs, deployment, fixture } from "../../helpers";

// The seed's resource allocation annotations.
const seedAnnotations = {
    "sidecar.istio.io/proxyCPU": "100m",
    "sidecar.istio.io/proxyMemory": "128Mi",
    "sidecar.istio.io/proxyCPULimit": "500m",
    "sidecar.istio.io/proxyMemoryLimit": "256Mi",
};

describe("policy workload-sidecar-resources", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's annotations, opted-out pods, gateway pods and excluded namespaces", async () => {
        await assertNoViolations(policy, deployment("orders", "default", { annotations: seedAnnotations }));
        await assertNoViolations(policy, deployment("batch", "default", { labels: { "sidecar.istio.io/inject": "false" } }));
        await assertNoViolations(policy, deployment("istio-ingressgateway", "istio-ingress", { annotations: { "inject.istio.io/templates": "gateway" } }));
        await assertNoViolations(policy, deployment("istiod", "istio-system"));
    });

    it("flags a Deployment with none of them, suggesting the configured defaults", async () => {
        await assertHasViolation(policy, deployment("orders", "default"), [
            /Deployment default\/orders gets an Envoy sidecar but its pod template lacks sidecar\.istio\.io\/proxyCPU, sidecar\.istio\.io\/proxyMemory, sidecar\.istio\.io\/proxyCPULimit, sidecar\.istio\.io\/proxyMemoryLimit/,
            /sidecar\.istio\.io\/proxyCPU: "100m"/,
            /remediate/,
        ]);
    });

    it("flags only what is missing from the configured list", async () => {
        const pod = fixture("kubernetes:core/v1:Pod", "p", { metadata: { name: "p", namespace: "default", annotations: { "sidecar.istio.io/proxyCPU": "50m" } }, spec: {} });
        await assertHasViolation(policy, pod, [/lacks sidecar\.istio\.io\/proxyMemory:/], { required: ["sidecar.istio.io/proxyCPU", "sidecar.istio.io/proxyMemory"] });
    });

    it("remediates by adding the configured defaults to the pod template, leaving the input untouched", async () => {
        const d = deployment("orders", "default", { annotations: { "sidecar.istio.io/proxyCPU": "250m" } });
        const before = JSON.stringify(d.props);
        const fixed = (await policy.remediateResource!(createResourceValidationArgs(d, { defaults: { ...seedAnnotations, "sidecar.istio.io/proxyMemoryLimit": "1Gi" } }))) as any;
        assert.deepEqual(fixed.spec.template.metadata.annotations, { ...seedAnnotations, "sidecar.istio.io/proxyCPU": "250m", "sidecar.istio.io/proxyMemoryLimit": "1Gi" });
        assert.equal(JSON.stringify(d.props), before);
        await assertNoViolations(policy, { ...d, props: fixed });
        assert.equal(await policy.remediateResource!(createResourceValidationArgs(deployment("ok", "default", { annotations: seedAnnotations }))), undefined);
    });
});
