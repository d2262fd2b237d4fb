import { strict as assert } from "assert";
import fc from "fast-check";
import { principal as principalSchema } from "../../../../components/security/match";
import { principalFormProblem } from "../../../../policies/rules/lib/principals";
import { principals as policy } from "../../../../policies/rules/authz/principals";
import { assertViolations, assertNoViolations, assertWellFormed, istio } from "../../helpers";

const ap = (principals: string[], field = "principals") => istio("AuthorizationPolicy", "orders-policy", "default", { rules: [{ from: [{ source: { [field]: principals } }] }] });

describe("policy authz-principals", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes SPIFFE identities of the trust domain", async () => {
        await assertNoViolations(policy, ap(["cluster.local/ns/default/sa/api-gateway", "cluster.local/ns/shop/sa/*"]));
        await assertNoViolations(policy, ap(["corp.example/ns/default/sa/api"]), { trustDomains: ["corp.example"] });
    });

    it("flags `*`", async () => {
        await assertViolations(policy, ap(["*"]), [{ code: "ISM0203", subject: "AuthorizationPolicy default/orders-policy" }]);
    });

    it("flags a bare service account name and a spiffe:// URI", async () => {
        await assertViolations(policy, ap(["api-gateway"]), [{ code: "ISM0203", subject: "AuthorizationPolicy default/orders-policy" }]);
        await assertViolations(policy, ap(["spiffe://cluster.local/ns/default/sa/api"], "notPrincipals"), [{ code: "ISM0203", subject: "AuthorizationPolicy default/orders-policy" }]);
    });

    it("passes Istio's documented wildcard forms: a namespace prefix, a trust-domain prefix, a service-account suffix", async () => {
        await assertNoViolations(policy, ap(["cluster.local/ns/default/*", "cluster.local/*", "*/sa/api-gateway", "*/ns/default/sa/api-gateway"]));
    });

    it('passes "*" in notPrincipals: Istio\'s "deny requests without mTLS" policy', async () => {
        await assertNoViolations(policy, istio("AuthorizationPolicy", "require-mtls", "default", { action: "DENY", rules: [{ from: [{ source: { notPrincipals: ["*"] } }] }] }));
    });

    it("flags a wildcard in the middle, which Istio never matches", async () => {
        const [v] = await assertViolations(policy, ap(["cluster.local/ns/*/sa/api"]), [{ code: "ISM0203", subject: "AuthorizationPolicy default/orders-policy" }]);
        assert.match(v.message, /puts \* where Istio does not take it/);
    });

    it("flags another trust domain", async () => {
        await assertViolations(policy, ap(["cluster.locl/ns/default/sa/api"]), [{ code: "ISM0203", subject: "AuthorizationPolicy default/orders-policy" }]);
    });
});

describe("principal forms: one rule set for the pack and the components' arguments", () => {
    // Every shape Istio's forms can take, and near misses of each.
    const table = [
        "*", "cluster.local/ns/default/sa/api-gateway", "cluster.local/*", "cluster.local/ns/default/*", "cluster.local/ns/default/sa/*",
        "*/sa/api-gateway", "*/ns/default/sa/api-gateway", "corp.example.com/ns/shop/sa/a.b",
        "api-gateway", "spiffe://cluster.local/ns/default/sa/api", "cluster.local/ns/*/sa/api", "*/ns/default/*", "*cluster.local/ns/a/sa/b",
        "cluster.local/ns/default", "cluster.local/ns/default/sa", "cluster.local/ns/Default/sa/api", "cluster.local/sa/api", "**", "*/*",
        "cluster.local/ns/default/sa/api/*", "", "cluster.local//ns/a/sa/b", "*/sa/", "cluster.local/ns/-a/sa/b",
    ];
    const componentAccepts = (p: string) => principalSchema.safeParse(p).success;

    it("accept and reject the same table of principals", () => {
        for (const p of table) assert.equal(principalFormProblem(p) === undefined, componentAccepts(p), JSON.stringify(p));
    });

    it("agree on generated principals", () => {
        const part = fc.constantFrom("*", "cluster.local", "ns", "sa", "default", "api-gateway", "a.b", "-x", "");
        fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
            const p = parts.join("/");
            assert.equal(principalFormProblem(p) === undefined, componentAccepts(p), JSON.stringify(p));
        }), { numRuns: 2000 });
    });
});
