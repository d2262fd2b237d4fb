import { noAllowAll as policy } from "../../../../policies/rules/authz/no-allow-all";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

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
        await assertHasViolation(policy, ap({ selector: { matchLabels: { app: "orders" } }, rules: [{}] }), [/empty rule \(rules\[0\]\)/, /allows all traffic/, /Name the callers/]);
    });

    it("flags a rule whose conditions are all empty", async () => {
        await assertHasViolation(policy, ap({ action: "ALLOW", rules: [seedRule, { from: [{ source: {} }], to: [] }] }), [/rules\[1\]/, /matches every request/]);
    });

    it("flags a workload-scoped ALLOW policy with no rules", async () => {
        await assertHasViolation(policy, ap({ selector: { matchLabels: { app: "orders" } } }), [/no rules/, /spec: \{\}/]);
    });
});
