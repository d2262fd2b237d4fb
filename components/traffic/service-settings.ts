/**
 * The public shape of one service's traffic settings: Istio's own field
 * names, as plain interfaces so TypeScript callers and Pulumi's schema for
 * other languages see the same thing. args.ts holds the rules (zod) that are
 * tied to these interfaces.
 */

/** Istio's StringMatch: exactly one of exact, prefix or regex (RE2). */
export interface StringMatch {
    exact?: string;
    prefix?: string;
    regex?: string;
}

/** Istio's HTTPMatchRequest, the parts used here: headers (lower-case names) and uri. */
export interface HttpMatch {
    headers?: Record<string, StringMatch>;
    uri?: StringMatch;
}

/** A rule ahead of the default route: requests matching any `match` go to `subset`. */
export interface HttpRoute {
    name?: string;
    match: HttpMatch[];
    subset: string;
}

/** The default route's split: version (subset) -> weight; the weights add up to 100. */
export interface Canary {
    weights: Record<string, number>;
}

/** Istio's HTTPRetry. */
export interface Retries {
    /** 0 turns retries off. */
    attempts: number;
    /** A duration such as `2s`. */
    perTryTimeout?: string;
    /** Comma-separated Envoy retry conditions or status codes, such as `5xx,connect-failure`. */
    retryOn?: string;
}

/** Istio's ConnectionPoolSettings.TCPSettings, the part used here. */
export interface TCPSettings {
    maxConnections: number;
}

export const H2UpgradePolicy = { DEFAULT: "DEFAULT", DO_NOT_UPGRADE: "DO_NOT_UPGRADE", UPGRADE: "UPGRADE" } as const;
/** Whether HTTP/1.1 connections are upgraded to HTTP/2. */
export type H2UpgradePolicy = (typeof H2UpgradePolicy)[keyof typeof H2UpgradePolicy];

/** Istio's ConnectionPoolSettings.HTTPSettings, the parts used here. */
export interface HTTPSettings {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    h2UpgradePolicy?: H2UpgradePolicy;
}

/** Istio's ConnectionPoolSettings: the circuit breaker's limits. */
export interface ConnectionPoolSettings {
    tcp?: TCPSettings;
    http?: HTTPSettings;
}

/** Istio's OutlierDetection: ejecting hosts that keep failing. */
export interface OutlierDetection {
    consecutive5xxErrors?: number;
    /** A duration such as `10s`. */
    interval?: string;
    baseEjectionTime?: string;
    maxEjectionPercent?: number;
}

export const ClientTLSMode = { ISTIO_MUTUAL: "ISTIO_MUTUAL", DISABLE: "DISABLE" } as const;
/** The client-side TLS modes allowed here; leaving `tls` out keeps Istio's auto mTLS. */
export type ClientTLSMode = (typeof ClientTLSMode)[keyof typeof ClientTLSMode];

/** Istio's ClientTLSSettings, the mode only. */
export interface ClientTLSSettings {
    mode: ClientTLSMode;
}

/** Istio's TrafficPolicy, the parts used here. */
export interface TrafficPolicy {
    connectionPool?: ConnectionPoolSettings;
    outlierDetection?: OutlierDetection;
    tls?: ClientTLSSettings;
}

/** Where mirrored requests go: a declared version. */
export interface Mirror {
    subset: string;
}

/** Istio's Percent: 0 to 100, fractions allowed. */
export interface Percent {
    value: number;
}

/** One service's traffic rules: its subsets (versions), routes, resilience and visibility. */
export interface MeshServiceArgs {
    /**
     * Kubernetes name of the VirtualService and DestinationRule, and the
     * service's name in `host`'s default. Lets two services of one name in
     * different namespaces have distinct Pulumi names (`team-a-api`, `team-b-api`).
     * @default the component name
     */
    name?: string;
    /** Namespace of the service and of its rules. */
    namespace: string;
    /** The service's host when it differs from its name: `name`, `name.namespace` or an FQDN. */
    host?: string;
    /** Where the rules are visible: `.` (own namespace, the default), `*` or namespace names. */
    exportTo?: string[];
    /** Subset name -> pod labels, such as `v1: {version: v1}`. */
    versions?: Record<string, Record<string, string>>;
    canary?: Canary;
    routes?: HttpRoute[];
    mirror?: Mirror;
    mirrorPercentage?: Percent;
    /** A duration such as `10s`. */
    timeout?: string;
    retries?: Retries;
    trafficPolicy?: TrafficPolicy;
}
