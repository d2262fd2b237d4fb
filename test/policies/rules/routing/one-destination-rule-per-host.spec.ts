import { strict as assert } from "assert";
import { oneDestinationRulePerHost as policy } from "../../../../policies/rules/routing/one-destination-rule-per-host";
import { assertViolations, assertNoViolations, assertWellFormed, istio } from "../../helpers";

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
        const [v] = await assertViolations(policy, [istio("DestinationRule", "myapp", "default", { host: "myapp" }), second], [{ code: "ISM0306", subject: "DestinationRule default/myapp-canary" }]);
        assert.equal(v.urn, second.urn);
    });

    it("flags the same host written short and in full", async () => {
        await assertViolations(policy, [istio("DestinationRule", "a", "default", { host: "myapp" }), istio("DestinationRule", "b", "default", { host: "myapp.default.svc.cluster.local" })], [{ code: "ISM0306", subject: "DestinationRule default/b" }]);
    });

    it("passes a client-side rule in the client's namespace next to the service's own, and a root-namespace fallback", async () => {
        await assertNoViolations(policy, [
            istio("DestinationRule", "myapp", "default", { host: "myapp.default.svc.cluster.local" }),
            istio("DestinationRule", "myapp-from-shop", "shop", { host: "myapp.default.svc.cluster.local", exportTo: ["."] }),
            istio("DestinationRule", "myapp-fallback", "istio-system", { host: "myapp.default.svc.cluster.local" }),
        ]);
    });

    it("passes two rules in one namespace that no namespace sees both of", async () => {
        await assertNoViolations(policy, [
            istio("DestinationRule", "myapp-local", "default", { host: "myapp", exportTo: ["."] }),
            istio("DestinationRule", "myapp-shop", "default", { host: "myapp", exportTo: ["shop"] }),
        ]);
    });

    it("flags two rules in one namespace exported to a common namespace", async () => {
        const [v] = await assertViolations(policy, [
            istio("DestinationRule", "myapp-a", "default", { host: "myapp", exportTo: [".", "shop"] }),
            istio("DestinationRule", "myapp-b", "default", { host: "myapp", exportTo: ["shop"] }),
        ], [{ code: "ISM0306", subject: "DestinationRule default/myapp-b" }]);
        assert.match(v.message, /which DestinationRule default\/myapp-a configures already for clients in shop/);
    });
});
