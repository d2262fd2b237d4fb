import { DEFAULT_ISTIO_NAMESPACE, DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION, meshPresets } from "../components/mesh/defaults";
import type { Profile } from "./schema";

/**
 * Profiles are data: `defaults` holds what every stack gets, each preset what its
 * profile changes, and the stack's own config is merged over both
 * (see merge.ts). Nothing else in the program branches on the profile name.
 * The `istio` section of each preset is IstioMesh's own (meshPresets), so a
 * program using the component and a stack of this project get the same mesh.
 */

export type ConfigTree = { [key: string]: unknown };

export const defaults: ConfigTree = {
    kubernetes: {},
    istio: {
        version: DEFAULT_ISTIO_VERSION,
        repository: DEFAULT_ISTIO_REPOSITORY,
        namespace: DEFAULT_ISTIO_NAMESPACE,
        cni: false,
        allowCrdDeletion: false,
        gateway: { enabled: true },
        // Off unless asked for; in the control plane's namespace, as Istio's egress gateway tasks expect it.
        egressGateway: { enabled: false },
    },
    charts: {},
    namespaces: {},
    observability: {
        tracing: { enabled: true },
        proxy: {},
        prometheus: { enabled: true, retention: "15d" },
        jaeger: { enabled: true },
        kiali: { enabled: true },
    },
    security: { trustDomain: "cluster.local" },
    services: {},
    egress: { outboundTrafficPolicy: "ALLOW_ANY" },
    ingress: {},
    demo: {},
};

export const presets: Record<Profile, ConfigTree> = {
    // Istio's `demo` profile, one replica of everything, small requests: fits kind or minikube.
    demo: {
        istio: { ...meshPresets.demo },
        // Everything traced, in memory, small; Kiali open without login like Istio's sample.
        observability: {
            tracing: { randomSamplingPercentage: 100 },
            proxy: { resources: { requests: { cpu: "10m", memory: "40Mi" } } },
            prometheus: {
                retention: "1d",
                persistentVolume: { enabled: false },
                resources: { requests: { cpu: "10m", memory: "128Mi" } },
            },
            jaeger: {
                storage: { type: "memory", memory: { max_traces: 10000 } },
                resources: { requests: { cpu: "10m", memory: "64Mi" } },
            },
            kiali: {
                auth: { strategy: "anonymous" },
                allowAnonymous: true,
                // Fixed and not secret (anonymous access has no sessions to protect), like Istio's sample:
                // without a key the chart renders a random one, and every `up` would restart Kiali.
                signingKey: "istio-mesh-demo!",
                resources: { requests: { cpu: "10m", memory: "64Mi" } },
            },
        },
        // PERMISSIVE lets workloads join the mesh one by one (see docs/security.md); no extra CA to run locally.
        security: {
            mtls: { mode: "PERMISSIVE" },
            authorization: { denyByDefault: false },
            ca: { enabled: false },
        },
        // The seed's myapp, orders and api-gateway, so the dev stack shows every feature working.
        demo: { enabled: true },
    },
    // Chart defaults plus what survives a node drain: two replicas, a PDB, explicit resources.
    production: {
        istio: { ...meshPresets.production },
        // 1% of requests traced, spans and metrics on persistent volumes, Kiali behind a login.
        observability: {
            tracing: { randomSamplingPercentage: 1 },
            // Istio's chart defaults, stated so a review sees what every sidecar asks for.
            proxy: { resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2", memory: "1Gi" } } },
            prometheus: {
                persistentVolume: { enabled: true, size: "50Gi" },
                resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "8Gi" } },
            },
            jaeger: {
                // Badger on a volume works on any cluster; point type at elasticsearch, opensearch or cassandra to scale out.
                storage: { type: "badger", badger: { size: "20Gi", ttl: "168h" } },
                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
            },
            kiali: {
                auth: { strategy: "token" },
                allowAnonymous: false,
                resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
            },
        },
        // Zero trust: mTLS only, nothing reachable unless a policy allows it, certificates from cert-manager.
        security: {
            mtls: { mode: "STRICT" },
            authorization: { denyByDefault: true },
            ca: { enabled: true, istioCsr: { replicaCount: 2 } },
        },
        // Only hosts in the registry (services, ServiceEntries) are reachable: every external call is declared.
        egress: { outboundTrafficPolicy: "REGISTRY_ONLY" },
        demo: { enabled: false },
    },
};

/**
 * Merged under every entry of `services` (the service's own settings win), so
 * each service gets its profile's circuit breaker without repeating it.
 */
export const serviceDefaults: Record<Profile, ConfigTree> = {
    demo: {},
    // Bounded queues and ejection of failing endpoints, so one slow or broken
    // backend cannot take its callers down with it. The pool limits are Envoy's
    // historic defaults (Istio itself leaves them unlimited).
    production: {
        trafficPolicy: {
            connectionPool: {
                tcp: { maxConnections: 1024 },
                http: { http1MaxPendingRequests: 1024, http2MaxRequests: 1024 },
            },
            outlierDetection: {
                consecutive5xxErrors: 5,
                interval: "10s",
                baseEjectionTime: "30s",
                maxEjectionPercent: 50,
            },
        },
    },
};
