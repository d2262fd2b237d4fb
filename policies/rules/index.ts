import type { MeshPolicy } from "./lib/meta";
import { methods } from "./authz/methods";
import { namespaceDenyByDefault } from "./authz/namespace-deny-by-default";
import { noAllowAll } from "./authz/no-allow-all";
import { principals } from "./authz/principals";
import { destinationRuleTls } from "./mtls/destination-rule-tls";
import { meshWideStrict } from "./mtls/mesh-wide-strict";
import { peerAuthenticationMode } from "./mtls/peer-authentication-mode";
import { revisionInstalled } from "./namespace/revision-installed";
import { singleInjectionLabel } from "./namespace/single-injection-label";
import { oneDefaultInjector } from "./namespace/one-default-injector";
import { addonServiceType } from "./platform/addon-service-type";
import { controlPlaneHighAvailability } from "./platform/control-plane-ha";
import { crdVersion } from "./platform/crd-version";
import { revisionSkew } from "./platform/revision-skew";
import { istioChartVersions } from "./platform/istio-chart-versions";
import { kialiAuth } from "./platform/kiali-auth";
import { outlierDetection } from "./resilience/outlier-detection";
import { retryBudget } from "./resilience/retry-budget";
import { exportTo } from "./routing/export-to";
import { oneDestinationRulePerHost } from "./routing/one-destination-rule-per-host";
import { routeWeights } from "./routing/weights-sum-to-100";
import { subsetsDefined } from "./routing/subsets-defined";
import { virtualServiceHosts } from "./routing/virtual-service-wildcard-hosts";
import { telemetryProviders } from "./telemetry/providers-defined";
import { applicationUid } from "./workload/application-uid";
import { deprecatedInjectAnnotation } from "./workload/deprecated-inject-annotation";
import { imageAutoInjected } from "./workload/image-auto-injected";
import { injectionOptOut } from "./workload/injection-opt-out";
import { sidecarResources } from "./workload/sidecar-resources";
import { jwksFetchRestricted } from "./authz/jwks-fetch-restricted";
import { destinationRuleCaCertificates } from "./mtls/destination-rule-ca-certificates";
import { destinationRuleNamespace } from "./routing/destination-rule-namespace";
import { deprecatedFields } from "./platform/deprecated-fields";
import { meshNetworksRegistries } from "./platform/mesh-networks-registries";
import { annotationPlacement } from "./platform/annotation-placement";
import { annotationKnown } from "./platform/annotation-known";
import { annotationValues } from "./platform/annotation-values";
import { annotationDeprecated } from "./platform/annotation-deprecated";
import { destinationPortRequired } from "./routing/destination-port-required";
import { envoyFilterOperations } from "./routing/envoy-filter-operations";
import { envoyFilterPriority } from "./routing/envoy-filter-priority";
import { gatewayCertificatesUnique } from "./routing/gateway-certificates-unique";
import { gatewayServersUnique } from "./routing/gateway-servers-unique";
import { gatewayServicePorts } from "./routing/gateway-service-ports";
import { validationWarnings } from "./routing/validation-warnings";
import { ingressSubsetRoutes } from "./routing/ingress-subset-routes";
import { meshHostConflicts } from "./routing/mesh-host-conflicts";
import { oneDefaultSidecarPerNamespace } from "./routing/one-default-sidecar-per-namespace";
import { servicePortProtocol } from "./routing/service-port-protocol";
import { sidecarInAmbientNamespace } from "./routing/sidecar-in-ambient-namespace";
import { unreachableRules } from "./routing/unreachable-rules";
import { virtualServiceGateways } from "./routing/virtual-service-gateways";
import { accessLoggingProviders } from "./telemetry/access-logging-providers";
import { oneDefaultTelemetryPerNamespace } from "./telemetry/one-default-per-namespace";

/** Every policy of the pack. index.ts serves them; the runner and the tests evaluate them in-process. */
export const policies: MeshPolicy[] = [
    peerAuthenticationMode,
    destinationRuleTls,
    meshWideStrict,
    noAllowAll,
    principals,
    methods,
    namespaceDenyByDefault,
    virtualServiceHosts,
    routeWeights,
    exportTo,
    subsetsDefined,
    oneDestinationRulePerHost,
    outlierDetection,
    retryBudget,
    injectionOptOut,
    sidecarResources,
    deprecatedInjectAnnotation,
    istioChartVersions,
    crdVersion,
    revisionSkew,
    kialiAuth,
    addonServiceType,
    controlPlaneHighAvailability,
    singleInjectionLabel,
    revisionInstalled,
    oneDefaultInjector,
    telemetryProviders,
    destinationRuleCaCertificates,
    jwksFetchRestricted,
    meshHostConflicts,
    virtualServiceGateways,
    gatewayCertificatesUnique,
    oneDefaultSidecarPerNamespace,
    accessLoggingProviders,
    oneDefaultTelemetryPerNamespace,
    deprecatedFields,
    unreachableRules,
    gatewayServersUnique,
    applicationUid,
    servicePortProtocol,
    envoyFilterOperations,
    envoyFilterPriority,
    sidecarInAmbientNamespace,
    destinationPortRequired,
    ingressSubsetRoutes,
    imageAutoInjected,
    annotationPlacement,
    annotationKnown,
    annotationValues,
    annotationDeprecated,
    gatewayServicePorts,
    meshNetworksRegistries,
    validationWarnings,
    destinationRuleNamespace,
];
