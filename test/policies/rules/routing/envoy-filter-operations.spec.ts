import { envoyFilterOperations as policy } from "../../../../policies/rules/routing/envoy-filter-operations";
import { assertNoViolations, assertViolations, assertWellFormed } from "../../helpers";
import { envoyFilter, HCM, lua } from "./envoy-filter-fixtures";

describe("policy routing-envoy-filter-operations", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes MERGE on routes, REPLACE on a filter, and relative operations (the priority policy's)", async () => {
        await assertNoViolations(policy, [
            envoyFilter("merge", [{ applyTo: "ROUTE_CONFIGURATION", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "MERGE", value: { validate_clusters: false } } }]),
            envoyFilter("replace", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "REPLACE", value: lua } }]),
            envoyFilter("relative", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_AFTER", value: lua } }]),
        ]);
    });

    it("flags REPLACE where it does not apply (IST0152), ADD and REMOVE on routes (IST0153, IST0154), with a priority too", async () => {
        await assertViolations(policy, [
            envoyFilter("replace", [{ applyTo: "CLUSTER", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "REPLACE", value: { connect_timeout: "2s" } } }]),
            envoyFilter("routes", [
                { applyTo: "ROUTE_CONFIGURATION", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "ADD", value: { name: "extra" } } },
                { applyTo: "HTTP_ROUTE", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "REMOVE" } },
            ], 10),
        ], [
            { code: "ISM0318", subject: "EnvoyFilter shop/replace" },
            { code: "ISM0319", subject: "EnvoyFilter shop/routes" },
            { code: "ISM0320", subject: "EnvoyFilter shop/routes" },
        ]);
    });
});
