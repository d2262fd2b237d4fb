import { strict as assert } from "assert";
import { namespaceDenyByDefault as policy } from "../../../../policies/rules/authz/namespace-deny-by-default";
import { assertViolations, assertNoViolations, assertWellFormed, istio, namespace } from "../../helpers";

const injected = namespace("shop", { "istio-injection": "enabled" });

describe("policy authz-namespace-deny-by-default", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes an injected namespace with spec: {}, a mesh-wide allow-nothing, and non-injected namespaces", async () => {
        await assertNoViolations(policy, [injected, istio("AuthorizationPolicy", "deny-all", "shop", {})]);
        await assertNoViolations(policy, [injected, istio("AuthorizationPolicy", "deny-all", "istio-system", {})]);
        await assertNoViolations(policy, [namespace("tools", {})]);
    });

    it("flags an injected namespace without one, on the namespace", async () => {
        const [v] = await assertViolations(policy, [injected], [{ code: "ISM0206", subject: "Namespace shop" }]);
        assert.match(v.message, /spec: \{\}/);
        assert.equal(v.urn, injected.urn);
    });

    it("does not count a policy that allows something, nor one in another namespace", async () => {
        const rev = namespace("default", { "istio.io/rev": "1-30-3" }, true);
        await assertViolations(policy, [rev, istio("AuthorizationPolicy", "allow", "default", { rules: [{ from: [{ source: { namespaces: ["default"] } }] }] }), istio("AuthorizationPolicy", "deny-all", "other", {})], [{ code: "ISM0206", subject: "Namespace default" }]);
    });

    it("covers injected namespaces named in config", async () => {
        await assertViolations(policy, [], [{ code: "ISM0206", subject: "Namespace payments" }], { namespaces: ["payments"] });
    });
});
