import type { ResourceRequirements } from "../common/validation";

/**
 * Pure builders of the Helm values for Istio's charts. Every key written here
 * exists in Istio 1.30.3's charts (test/mesh-helm-values.spec.ts checks them
 * against the charts' values files), so a typo cannot be silently ignored by Helm.
 */

export type HelmValues = { [key: string]: unknown };

/**
 * Istio's MeshConfig as free-form data (istio.io's MeshConfig reference).
 * `any`, not `unknown`: Pulumi's schema for other languages has a type for
 * free-form JSON (Any), none for `unknown`.
 */
export type MeshConfig = Record<string, any>;

/** Replicas of istiod or the gateway: an autoscaling range (equal bounds: no autoscaler), resources and a PDB. */
export interface ReplicaSettings {
    autoscaleMin: number;
    autoscaleMax: number;
    resources: ResourceRequirements;
    podDisruptionBudget: boolean;
}

export interface IstiodSettings extends ReplicaSettings {
    replicaCount: number;
}

export const GatewayServiceType = { LoadBalancer: "LoadBalancer", NodePort: "NodePort", ClusterIP: "ClusterIP" } as const;
/** The Kubernetes Service type of the ingress gateway. */
export type GatewayServiceType = (typeof GatewayServiceType)[keyof typeof GatewayServiceType];

export interface GatewaySettings extends ReplicaSettings {
    /** Helm release, Deployment and Service name of the gateway. */
    name: string;
    serviceType: GatewayServiceType;
    /** Control plane revision or revision tag whose istiod injects the gateway's proxies; the mesh's own when omitted. */
    revision?: string;
}

/** The ingress gateway complete: its settings and its own namespace. */
export interface IngressGatewaySettings extends GatewaySettings {
    namespace: string;
}

/** The egress gateway complete: its settings, and a namespace unless it runs in the control plane's. */
export interface EgressGatewaySettings extends GatewaySettings {
    namespace?: string;
}

/** Mesh-wide sidecar defaults, rendered under istiod's `global.proxy`; pod annotations override them per workload. */
export interface ProxyDefaults {
    /**
     * CPU and memory of every sidecar, unless a pod's annotations say otherwise.
     * @default none: the istiod chart's (requests 100m/128Mi, limits 2/1Gi)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPU
     */
    resources?: ResourceRequirements;
}

export interface ControlPlaneSettings {
    /** Namespace of istiod (`global.istioNamespace`). */
    namespace: string;
    /** Istio's chart profile (`demo`, ...); omitted for chart defaults. */
    helmProfile?: string;
    /** Control plane revision (`1-30-3`); omitted for the default revision. */
    revision?: string;
    cni: boolean;
    /** Address of an external CA (istio-csr) that signs workload certificates instead of istiod. */
    caAddress?: string;
    /** Revision the base chart's validating webhook (`defaultRevision`) points at; `revision` when omitted. */
    defaultRevision?: string;
    /** Revision tags this revision's istiod renders (`revisionTags`): `istioctl tag`'s webhooks, from the chart. */
    revisionTags?: string[];
    /** Let Sidecars terminate TLS on their ingress listeners (istiod's experimental ENABLE_TLS_ON_SIDECAR_INGRESS). */
    sidecarIngressTls?: boolean;
}

function profileValue(settings: ControlPlaneSettings): HelmValues {
    return settings.helmProfile ? { profile: settings.helmProfile } : {};
}

function pilotEnv(env: Record<string, string>): HelmValues {
    return Object.keys(env).length > 0 ? { env } : {};
}

function revisionValue(revision: string | undefined): HelmValues {
    return revision ? { revision } : {};
}

// Spread replicas over nodes when there are several, so one node loss keeps the service up.
function spreadOverNodes(min: number, matchLabels: Record<string, string>): HelmValues {
    if (min < 2) return {};
    return {
        topologySpreadConstraints: [
            {
                maxSkew: 1,
                topologyKey: "kubernetes.io/hostname",
                whenUnsatisfiable: "ScheduleAnyway",
                labelSelector: { matchLabels },
            },
        ],
    };
}

// Start the validating webhooks at Fail: left at Ignore, istiod flips them at runtime and
// every server-side apply of the rendered charts flips them back.
const VALIDATION_FAILURE_POLICY = { validationFailurePolicy: "Fail" };

export function baseValues(settings: ControlPlaneSettings): HelmValues {
    return {
        ...profileValue(settings),
        global: { istioNamespace: settings.namespace },
        // The default validating webhook must point at a control plane that exists.
        defaultRevision: settings.defaultRevision ?? settings.revision ?? "default",
        // The base chart renders istiod-default-validator from the same value as istiod's chart.
        base: VALIDATION_FAILURE_POLICY,
    };
}

export function istiodValues(settings: ControlPlaneSettings, istiod: IstiodSettings, meshConfig: HelmValues = {},
    proxy: ProxyDefaults = {}): HelmValues {
    const autoscale = istiod.autoscaleMax > istiod.autoscaleMin;
    return {
        ...profileValue(settings),
        ...revisionValue(settings.revision),
        ...(settings.revisionTags?.length ? { revisionTags: settings.revisionTags } : {}),
        autoscaleEnabled: autoscale,
        autoscaleMin: istiod.autoscaleMin,
        autoscaleMax: istiod.autoscaleMax,
        replicaCount: Math.max(istiod.replicaCount, istiod.autoscaleMin),
        resources: istiod.resources,
        ...spreadOverNodes(istiod.autoscaleMin, { app: "istiod" }),
        ...(istiod.podDisruptionBudget ? { pdb: { minAvailable: 1 } } : {}),
        cni: { enabled: settings.cni },
        ...(Object.keys(meshConfig).length > 0 ? { meshConfig } : {}),
        // pilot's env, top level in this chart: with an external CA, istiod must not run its own CA server;
        // TLS on Sidecar ingress listeners is behind a feature flag, ignored without it.
        ...pilotEnv({
            ...(settings.caAddress ? { ENABLE_CA_SERVER: "false" } : {}),
            ...(settings.sidecarIngressTls ? { ENABLE_TLS_ON_SIDECAR_INGRESS: "true" } : {}),
        }),
        global: {
            istioNamespace: settings.namespace,
            defaultPodDisruptionBudget: { enabled: istiod.podDisruptionBudget },
            ...(proxy.resources ? { proxy: { resources: proxy.resources } } : {}),
            ...(settings.caAddress ? { caAddress: settings.caAddress } : {}),
        },
        base: VALIDATION_FAILURE_POLICY,
    };
}

export function gatewayValues(settings: ControlPlaneSettings, gateway: GatewaySettings): HelmValues {
    const autoscale = gateway.autoscaleMax > gateway.autoscaleMin;
    return {
        ...revisionValue(gateway.revision ?? settings.revision),
        service: { type: gateway.serviceType },
        autoscaling: {
            enabled: autoscale,
            minReplicas: gateway.autoscaleMin,
            maxReplicas: gateway.autoscaleMax,
        },
        ...(autoscale ? {} : { replicaCount: gateway.autoscaleMin }),
        resources: gateway.resources,
        ...spreadOverNodes(gateway.autoscaleMin, { app: gateway.name }),
        podDisruptionBudget: gateway.podDisruptionBudget ? { minAvailable: 1 } : {},
    };
}

export function cniValues(settings: ControlPlaneSettings): HelmValues {
    return { ...profileValue(settings), ...revisionValue(settings.revision) };
}
