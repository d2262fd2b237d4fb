import { noAllowAll as policy } from "../../../../policies/rules/authz/no-allow-all";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const ap = (spec: object) => istio("AuthorizationPolicy", "orders-policy", "default", spec);
const seedRule = { from: [{ source: { principals: ["cluster.local/ns/default/sa/api-gateway"] } }], to: [{ operation: { methods: ["GET", "POST"], paths: ["/orders/*"] } }] };

describe("policy authz-no-allow-all", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's orders-policy, namespace-wide allow-nothing, and DENY policies", async () => {
        await assertNoViolations(policy, ap({ selector: { matchLabels: { app: "orders" } }, rules: [seedRule] }));
        await assertNoViolations(policy, ap({}));
        await assertNoViolations(policy, ap({ action: "DENY", rules: [{}] }));
    });

    it("flags an empty rule (allow-all)", async () => {
        await assertViolations(policy, ap({ selector: { matchLabels: { app: "orders" } }, rules: [{}] }), [{ code: "ISM0201", subject: "AuthorizationPolicy default/orders-policy" }]);
    });

    it("flags a rule whose conditions are all empty", async () => {
        await assertViolations(policy, ap({ action: "ALLOW", rules: [seedRule, { from: [{ source: {} }], to: [] }] }), [{ code: "ISM0201", subject: "AuthorizationPolicy default/orders-policy" }]);
    });

    it("flags a workload-scoped ALLOW policy with no rules", async () => {
        await assertViolations(policy, ap({ selector: { matchLabels: { app: "orders" } } }), [{ code: "ISM0202", subject: "AuthorizationPolicy default/orders-policy" }]);
    });
});
