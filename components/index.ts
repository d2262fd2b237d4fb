export * from "./mesh/istio-mesh";
export * from "./mesh/mesh-namespace";
export { injectionLabels, INJECTION_LABEL, REVISION_LABEL } from "./mesh/injection";
export type { GatewaySettings, IstiodSettings, HelmValues } from "./mesh/helm-values";
export * from "./traffic";
