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
import { deprecatedInjectAnnotation } from "./workload/deprecated-inject-annotation";
import { injectionOptOut } from "./workload/injection-opt-out";
import { sidecarResources } from "./workload/sidecar-resources";

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
];
