import { EgressGatewaySettings, GatewayServiceType, IngressGatewaySettings, IstiodSettings, ReplicaSettings } from "./helm-values";

/**
 * IstioMesh's defaults, written once: the component, the stack presets
 * (stacks/presets.ts) and the schemas (settings.ts) read them here. No zod in
 * this file, so the package's public types can re-export it.
 */

/** The Istio version IstioMesh installs when none is given. */
export const DEFAULT_ISTIO_VERSION = "1.30.3";

/** Istio's own Helm repository, IstioMesh's default `repository`. */
export const DEFAULT_ISTIO_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";

/** Istio's own chart profiles that keep sidecar mode (ambient and remote are other topologies). */
export const HELM_PROFILES = ["demo", "stable", "preview"] as const;

/** The control plane namespace IstioMesh creates when none is given. */
export const DEFAULT_ISTIO_NAMESPACE = "istio-system";

/**
 * IstioMesh's `profile`: which preset fills the arguments left out. `demo` fits a laptop
 * cluster (kind, minikube); `production` survives a node drain and guards against deletion.
 */
export const MeshProfile = { demo: "demo", production: "production" } as const;
/** IstioMesh's `profile`: `demo` or `production`. */
export type MeshProfile = (typeof MeshProfile)[keyof typeof MeshProfile];
/** Every profile, in order. */
export const MESH_PROFILES = Object.values(MeshProfile);

/** Everything a profile decides for IstioMesh (the stack presets take their `istio` section from it). */
export interface MeshPreset {
    /** Istio's own chart profile, or none for the charts' defaults. */
    helmProfile?: (typeof HELM_PROFILES)[number];
    protect: boolean;
    istiod: IstiodSettings;
    gateway: IngressGatewaySettings;
    egressGateway: EgressGatewaySettings;
}

// The ingress and the egress gateway of each profile are sized alike.
const DEMO_GATEWAY_REPLICAS: ReplicaSettings = {
    autoscaleMin: 1,
    autoscaleMax: 1,
    resources: { requests: { cpu: "10m", memory: "40Mi" } },
    podDisruptionBudget: false,
};
const PRODUCTION_GATEWAY_REPLICAS: ReplicaSettings = {
    autoscaleMin: 2,
    autoscaleMax: 5,
    resources: {
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "2", memory: "1Gi" },
    },
    podDisruptionBudget: true,
};
// Istio's advice: the ingress gateway in a namespace of its own; the egress gateway where Istio's tasks look for it.
const INGRESS_GATEWAY = { name: "istio-ingressgateway", namespace: "istio-ingress" };
const EGRESS_GATEWAY = { name: "istio-egressgateway", serviceType: GatewayServiceType.ClusterIP };

/** The presets behind IstioMesh's `profile` and the stacks' `istio-mesh:profile`. */
export const meshPresets: Record<MeshProfile, MeshPreset> = {
    // Istio's `demo` profile, one replica of everything, small requests: fits kind or minikube.
    demo: {
        helmProfile: "demo",
        protect: false,
        istiod: {
            replicaCount: 1,
            autoscaleMin: 1,
            autoscaleMax: 1,
            resources: { requests: { cpu: "10m", memory: "100Mi" } },
            podDisruptionBudget: false,
        },
        // Local clusters rarely have a load balancer; a pending one would stall `pulumi up`.
        gateway: { ...INGRESS_GATEWAY, serviceType: GatewayServiceType.NodePort, ...DEMO_GATEWAY_REPLICAS },
        egressGateway: { ...EGRESS_GATEWAY, ...DEMO_GATEWAY_REPLICAS },
    },
    // Chart defaults plus what survives a node drain: two replicas, a PDB, explicit resources.
    production: {
        // Deleting the control plane, the CRDs or the CA takes every workload down: it must be unlocked first.
        protect: true,
        istiod: {
            replicaCount: 2,
            autoscaleMin: 2,
            autoscaleMax: 5,
            resources: {
                requests: { cpu: "500m", memory: "2Gi" },
                limits: { cpu: "2", memory: "4Gi" },
            },
            podDisruptionBudget: true,
        },
        gateway: { ...INGRESS_GATEWAY, serviceType: GatewayServiceType.LoadBalancer, ...PRODUCTION_GATEWAY_REPLICAS },
        egressGateway: { ...EGRESS_GATEWAY, ...PRODUCTION_GATEWAY_REPLICAS },
    },
};
