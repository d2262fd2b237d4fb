import { envoyFilterPriority as policy } from "../../../../policies/rules/routing/envoy-filter-priority";
import { assertNoViolations, assertViolations, assertWellFormed } from "../../helpers";
import { envoyFilter, HCM, lua } from "./envoy-filter-fixtures";

describe("policy routing-envoy-filter-priority", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes INSERT_FIRST, and relative operations with a priority", async () => {
        await assertNoViolations(policy, [
            envoyFilter("first", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_FIRST", value: lua } }]),
            envoyFilter("ordered", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_BEFORE", value: lua } }], 10),
        ]);
    });

    it("flags a relative operation without priority (IST0151)", async () => {
        await assertViolations(policy, envoyFilter("relative", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_AFTER", value: lua } }]), [
            { code: "ISM0317", subject: "EnvoyFilter shop/relative" },
        ]);
    });

    it("flags a relative patch next to a filter an earlier patch adds for some proxy versions only (IST0155)", async () => {
        await assertViolations(policy, envoyFilter("versioned", [
            { applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", proxy: { proxyVersion: "^1\\.30.*" }, ...HCM }, patch: { operation: "INSERT_FIRST", value: lua } },
            { applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_AFTER", value: lua } },
        ]), [{ code: "ISM0321", subject: "EnvoyFilter shop/versioned" }]);
    });
});
