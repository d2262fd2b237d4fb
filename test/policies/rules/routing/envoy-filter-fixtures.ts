import { istio } from "../../helpers";

/** EnvoyFilter fixtures shared by the two EnvoyFilter policies' specs. */
export const HCM = { listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } };
export const lua = { name: "envoy.filters.http.lua", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua" } };
export const envoyFilter = (name: string, configPatches: object[], priority?: number) =>
    istio("EnvoyFilter", name, "shop", { ...(priority !== undefined && { priority }), configPatches }, "v1alpha3");
