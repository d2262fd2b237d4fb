export * from "./mesh/istio-mesh";
export * from "./mesh/mesh-namespace";
export { injectionLabels, INJECTION_LABEL, REVISION_LABEL } from "./mesh/injection";
export type { GatewaySettings, IstiodSettings, HelmValues, ProxyDefaults } from "./mesh/helm-values";
export * from "./observability/observability-addons";
export * from "./observability/mesh-tracing";
export { tracingMeshConfig, meshTelemetry } from "./observability/tracing";
export { proxyResourceAnnotations, PROXY_RESOURCE_ANNOTATIONS } from "./observability/proxy-resources";
export { withoutSidecar, SIDECAR_INJECT_LABEL } from "./observability/injection-opt-out";
