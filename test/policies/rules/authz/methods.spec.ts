import { methods as policy } from "../../../../policies/rules/authz/methods";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

const ap = (methods: string[], field = "methods") => istio("AuthorizationPolicy", "orders-policy", "default", { rules: [{ to: [{ operation: { [field]: methods, paths: ["/orders/*"] } }] }] });

describe("policy authz-methods", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes upper-case HTTP methods, and configured extra methods", async () => {
        await assertNoViolations(policy, ap(["GET", "POST", "DELETE"]));
        await assertNoViolations(policy, ap(["PROPFIND"]), { extraMethods: ["PROPFIND"] });
    });

    it("flags a lower-case method with its fix", async () => {
        await assertHasViolation(policy, ap(["get"]), [/rules\[0\]\.to\[0\]\.operation\.methods has "get"/, /never matches/, /Write "GET"/]);
    });

    it("flags an unknown method, in notMethods too", async () => {
        await assertHasViolation(policy, ap(["FETCH"], "notMethods"), [/notMethods has unknown method "FETCH"/, /extraMethods/]);
    });
});
