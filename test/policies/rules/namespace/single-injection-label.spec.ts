import { strict as assert } from "assert";
import { singleInjectionLabel as policy } from "../../../../policies/rules/namespace/single-injection-label";
import { assertNoViolations, assertViolations, assertWellFormed, namespace } from "../../helpers";

describe("policy namespace-single-injection-label", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes namespaces with one injection label or none", async () => {
        await assertNoViolations(policy, [namespace("a", { "istio-injection": "enabled" }), namespace("b", { "istio.io/rev": "1-30-3" }), namespace("c", {})]);
    });

    it("flags a Namespace with both labels, on that namespace (IST0123)", async () => {
        const ns = namespace("shop", { "istio-injection": "enabled", "istio.io/rev": "1-30-3" });
        const [v] = await assertViolations(policy, [ns], [{ code: "ISM0701", subject: "Namespace shop" }]);
        assert.equal(v.urn, ns.urn);
    });

    it("flags a NamespacePatch with both labels, even istio-injection=disabled", async () => {
        await assertViolations(policy, [namespace("default", { "istio-injection": "disabled", "istio.io/rev": "canary" }, true)], [{ code: "ISM0701", subject: "Namespace default" }]);
    });
});
