import type { Profile } from "../stacks/schema";

/**
 * The scale benchmark's stacks: N generated services on a profile, each with
 * two versions and a 90/10 canary, a header route, a timeout, retries, the
 * shipped stacks' `orders` circuit breaker and one GET/POST authorization
 * rule, spread over N/20 namespaces (at least one).
 */

export const BENCH_PROJECT = "istio-mesh";

export interface BenchService {
    name: string;
    namespace: string;
}

export function namespaceCount(n: number): number {
    return Math.max(1, Math.floor(n / 20));
}

export function benchServices(n: number): BenchService[] {
    const namespaces = namespaceCount(n);
    return Array.from({ length: n }, (_, i) => ({ name: `svc-${i}`, namespace: `team-${i % namespaces}` }));
}

// The orders service's circuit breaker from Pulumi.dev.yaml and Pulumi.prod.yaml.
export const ORDERS_TRAFFIC_POLICY = {
    connectionPool: {
        tcp: { maxConnections: 100 },
        http: { h2UpgradePolicy: "UPGRADE", http1MaxPendingRequests: 100, http2MaxRequests: 1000 },
    },
    outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "60s", maxEjectionPercent: 50 },
};

export const BETA_HEADER = { "x-user-type": { exact: "beta-tester" } };
export const RETRIES = { attempts: 3, perTryTimeout: "3s", retryOn: "5xx,reset,connect-failure" };
export const TIMEOUT = "10s";
export const CALLER = "api-gateway";

/** The `config:` block of a stack file (`istio-mesh:<key>` keys) for N services on a profile. */
export function benchStackConfig(n: number, profile: Profile): Record<string, unknown> {
    const services = benchServices(n);
    const namespaces = [...new Set(services.map((s) => s.namespace))];
    return {
        [`${BENCH_PROJECT}:profile`]: profile,
        [`${BENCH_PROJECT}:namespaces`]: Object.fromEntries(namespaces.map((ns) => [ns, { create: true }])),
        [`${BENCH_PROJECT}:services`]: Object.fromEntries(services.map((s) => [s.name, {
            namespace: s.namespace,
            versions: { v1: { version: "v1" }, v2: { version: "v2" } },
            canary: { weights: { v1: 90, v2: 10 } },
            routes: [{ name: "beta-testers", match: [{ headers: BETA_HEADER }], subset: "v2" }],
            timeout: TIMEOUT,
            retries: RETRIES,
            trafficPolicy: ORDERS_TRAFFIC_POLICY,
        }])),
        [`${BENCH_PROJECT}:security`]: {
            authorization: {
                policies: Object.fromEntries(services.map((s) => [`${s.name}-policy`, {
                    namespace: s.namespace,
                    selector: { matchLabels: { app: s.name } },
                    rules: [{ callers: [{ serviceAccount: CALLER }], to: [{ operation: { methods: ["GET", "POST"] } }] }],
                }])),
            },
        },
    };
}
