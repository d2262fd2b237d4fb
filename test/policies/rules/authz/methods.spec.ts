import { strict as assert } from "assert";
import { methods as policy } from "../../../../policies/rules/authz/methods";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const ap = (methods: string[], field = "methods") => istio("AuthorizationPolicy", "orders-policy", "default", { rules: [{ to: [{ operation: { [field]: methods, paths: ["/orders/*"] } }] }] });

describe("policy authz-methods", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes upper-case HTTP methods, and configured extra methods", async () => {
        await assertNoViolations(policy, ap(["GET", "POST", "DELETE"]));
        await assertNoViolations(policy, ap(["PROPFIND"]), { extraMethods: ["PROPFIND"] });
    });

    it("flags a lower-case method with its fix", async () => {
        const [r] = await assertViolations(policy, ap(["get"]), [{ code: "ISM0204", subject: "AuthorizationPolicy default/orders-policy" }]);
        // The spec is about the fix the message offers.
        assert.match(r.message, /Write "GET"/);
    });

    it("flags an unknown method, in notMethods too", async () => {
        await assertViolations(policy, ap(["FETCH"], "notMethods"), [{ code: "ISM0205", subject: "AuthorizationPolicy default/orders-policy" }]);
    });
});
