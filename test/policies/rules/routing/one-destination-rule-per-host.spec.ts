import { strict as assert } from "assert";
import { oneDestinationRulePerHost as policy } from "../../../../policies/rules/routing/one-destination-rule-per-host";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

describe("policy routing-one-destination-rule-per-host", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one rule per host, and a workload-scoped extra rule", async () => {
        await assertNoViolations(policy, [istio("DestinationRule", "myapp", "default", { host: "myapp" }), istio("DestinationRule", "orders", "default", { host: "orders" })]);
        await assertNoViolations(policy, [
            istio("DestinationRule", "myapp", "default", { host: "myapp" }),
            istio("DestinationRule", "myapp-client", "default", { host: "myapp", workloadSelector: { matchLabels: { app: "api" } } }),
        ]);
    });

    it("flags a second rule for the same host, on the second rule", async () => {
        const second = istio("DestinationRule", "myapp-canary", "default", { host: "myapp" });
        const v = await assertHasViolation(policy, [istio("DestinationRule", "myapp", "default", { host: "myapp" }), second], [
            /DestinationRule default\/myapp-canary configures host myapp\.default\.svc\.cluster\.local, which DestinationRule default\/myapp configures already/,
            /Merge them/,
        ]);
        assert.equal(v.urn, second.urn);
    });

    it("flags the same host written short and in full", async () => {
        await assertHasViolation(policy, [istio("DestinationRule", "a", "default", { host: "myapp" }), istio("DestinationRule", "b", "istio-system", { host: "myapp.default.svc.cluster.local" })], [
            /DestinationRule istio-system\/b/,
        ]);
    });
});
