import { envoyFilterPatches as policy } from "../../../../policies/rules/routing/envoy-filter-patches";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const HCM = { listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } };
const lua = { name: "envoy.filters.http.lua", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua" } };
const filter = (name: string, configPatches: object[], priority?: number) =>
    istio("EnvoyFilter", name, "shop", { ...(priority !== undefined && { priority }), configPatches }, "v1alpha3");

describe("policy routing-envoy-filter-patches", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes INSERT_FIRST, MERGE on routes, and relative operations with a priority", async () => {
        await assertNoViolations(policy, [
            filter("first", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_FIRST", value: lua } }]),
            filter("merge", [{ applyTo: "ROUTE_CONFIGURATION", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "MERGE", value: { validate_clusters: false } } }]),
            filter("ordered", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_BEFORE", value: lua } }], 10),
        ]);
    });

    it("flags a relative operation without priority (IST0151) and REPLACE where it does not apply (IST0152)", async () => {
        await assertViolations(policy, [
            filter("relative", [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_AFTER", value: lua } }]),
            filter("replace", [{ applyTo: "CLUSTER", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "REPLACE", value: { connect_timeout: "2s" } } }]),
        ], [
            { code: "ISM0317", subject: "EnvoyFilter shop/relative" },
            { code: "ISM0318", subject: "EnvoyFilter shop/replace" },
        ]);
    });

    it("flags ADD and REMOVE on routes (IST0153, IST0154), even with a priority", async () => {
        await assertViolations(policy, filter("routes", [
            { applyTo: "ROUTE_CONFIGURATION", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "ADD", value: { name: "extra" } } },
            { applyTo: "HTTP_ROUTE", match: { context: "SIDECAR_OUTBOUND" }, patch: { operation: "REMOVE" } },
        ], 10), [
            { code: "ISM0319", subject: "EnvoyFilter shop/routes" },
            { code: "ISM0320", subject: "EnvoyFilter shop/routes" },
        ]);
    });

    it("flags a relative patch next to a filter an earlier patch adds for some proxy versions only (IST0155)", async () => {
        await assertViolations(policy, filter("versioned", [
            { applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", proxy: { proxyVersion: "^1\\.30.*" }, ...HCM }, patch: { operation: "INSERT_FIRST", value: lua } },
            { applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", ...HCM }, patch: { operation: "INSERT_AFTER", value: lua } },
        ]), [{ code: "ISM0321", subject: "EnvoyFilter shop/versioned" }]);
    });
});
