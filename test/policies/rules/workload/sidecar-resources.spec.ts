import { strict as assert } from "assert";
import { sidecarResources as policy } from "../../../../policies/rules/workload/sidecar-resources";
import { assertViolations, assertNoViolations, assertWellFormed, createResourceValidationArgs, deployment, fixture } from "../../helpers";

// The seed's resource allocation annotations.
const seedAnnotations = {
    "sidecar.istio.io/proxyCPU": "100m",
    "sidecar.istio.io/proxyMemory": "128Mi",
    "sidecar.istio.io/proxyCPULimit": "500m",
    "sidecar.istio.io/proxyMemoryLimit": "256Mi",
};

// The namespaces the stack labels for injection, as the config files list them.
const injected = { injectedNamespaces: ["default"] };

describe("policy workload-sidecar-resources", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's annotations, opted-out pods, gateway pods and namespaces not injected", async () => {
        await assertNoViolations(policy, deployment("orders", "default", { annotations: seedAnnotations }), injected);
        await assertNoViolations(policy, deployment("batch", "default", { labels: { "sidecar.istio.io/inject": "false" } }), injected);
        await assertNoViolations(policy, deployment("istio-ingressgateway", "istio-ingress", { annotations: { "inject.istio.io/templates": "gateway" } }), injected);
        await assertNoViolations(policy, deployment("istiod", "istio-system"), injected);
    });

    it("leaves workloads in namespaces that are never injected alone, and does not remediate them (istio-csr in cert-manager)", async () => {
        const csr = deployment("cert-manager-istio-csr", "cert-manager");
        await assertNoViolations(policy, csr, injected);
        assert.equal(await policy.remediateResource!(createResourceValidationArgs(csr, injected)), undefined);
    });

    it("judges a pod template labelled for injection wherever it runs", async () => {
        await assertViolations(policy, deployment("tool", "ops", { labels: { "sidecar.istio.io/inject": "true" } }), [{ code: "ISM0502", subject: "Deployment ops/tool" }], injected);
        await assertViolations(policy, deployment("tool", "ops", { labels: { "istio.io/rev": "1-30-3" } }), [{ code: "ISM0502", subject: "Deployment ops/tool" }], injected);
    });

    it("flags a Deployment with none of them, suggesting the configured defaults", async () => {
        const [r] = await assertViolations(policy, deployment("orders", "default"), [{ code: "ISM0502", subject: "Deployment default/orders" }], injected);
        // The spec is about the defaults the message suggests.
        assert.match(r.message, /sidecar\.istio\.io\/proxyCPU: "100m"/);
    });

    it("flags only what is missing from the configured list", async () => {
        const pod = fixture("kubernetes:core/v1:Pod", "p", { metadata: { name: "p", namespace: "default", annotations: { "sidecar.istio.io/proxyCPU": "50m" } }, spec: {} });
        const [r] = await assertViolations(policy, pod, [{ code: "ISM0502", subject: "Pod default/p" }], { ...injected, required: ["sidecar.istio.io/proxyCPU", "sidecar.istio.io/proxyMemory"] });
        // The spec is about which annotations the message lists as missing.
        assert.match(r.message, /lacks sidecar\.istio\.io\/proxyMemory:/);
    });

    it("remediates by adding the configured defaults to the pod template, leaving the input untouched", async () => {
        const d = deployment("orders", "default", { annotations: { "sidecar.istio.io/proxyCPU": "250m" } });
        const before = JSON.stringify(d.props);
        const fixed = (await policy.remediateResource!(createResourceValidationArgs(d, { ...injected, defaults: { ...seedAnnotations, "sidecar.istio.io/proxyMemoryLimit": "1Gi" } }))) as any;
        assert.deepEqual(fixed.spec.template.metadata.annotations, { ...seedAnnotations, "sidecar.istio.io/proxyCPU": "250m", "sidecar.istio.io/proxyMemoryLimit": "1Gi" });
        assert.equal(JSON.stringify(d.props), before);
        await assertNoViolations(policy, { ...d, props: fixed }, injected);
        assert.equal(await policy.remediateResource!(createResourceValidationArgs(deployment("ok", "default", { annotations: seedAnnotations }))), undefined);
    });
});
