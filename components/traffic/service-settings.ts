import type { WorkloadSelector } from "../security/match";

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

/** Istio's HTTPMatchRequest: every field set must match. */
export interface HttpMatch {
    name?: string;
    /** Lower-case header names; `withoutHeaders` matches requests that do not carry them. */
    headers?: Record<string, StringMatch>;
    withoutHeaders?: Record<string, StringMatch>;
    uri?: StringMatch;
    method?: StringMatch;
    queryParams?: Record<string, StringMatch>;
    ignoreUriCase?: boolean;
    /** The port the request came to the host on. */
    port?: number;
    /** Labels of the calling workload. */
    sourceLabels?: Record<string, string>;
    sourceNamespace?: string;
    /** Gateways (`<namespace>/<name>` or `mesh`) the match applies to. */
    gateways?: string[];
}

/** Istio's PortSelector. */
export interface PortSelector {
    number: number;
}

/** Istio's Destination: the service's own host when `host` is left out. */
export interface Destination {
    host?: string;
    subset?: string;
    port?: PortSelector;
}

/** Istio's Headers.HeaderOperations. */
export interface HeaderOperations {
    set?: Record<string, string>;
    add?: Record<string, string>;
    remove?: string[];
}

/** Istio's Headers: what to change on the request and on the response. */
export interface Headers {
    request?: HeaderOperations;
    response?: HeaderOperations;
}

/** Istio's HTTPRouteDestination. */
export interface RouteDestination {
    destination: Destination;
    weight?: number;
    headers?: Headers;
}

/** Istio's Percent: 0 to 100, fractions allowed. */
export interface Percent {
    value: number;
}

/** Istio's HTTPFaultInjection.Delay. */
export interface FaultDelay {
    /** A duration such as `7s`. */
    fixedDelay: string;
    percentage?: Percent;
}

/** Istio's HTTPFaultInjection.Abort: an HTTP status or a gRPC status. */
export interface FaultAbort {
    httpStatus?: number;
    grpcStatus?: string;
    percentage?: Percent;
}

/** Istio's HTTPFaultInjection: delay and/or abort a share of requests. */
export interface Fault {
    delay?: FaultDelay;
    abort?: FaultAbort;
}

/** Istio's RegexRewrite. */
export interface RegexRewrite {
    match: string;
    rewrite: string;
}

/** Istio's HTTPRewrite. */
export interface Rewrite {
    uri?: string;
    authority?: string;
    uriRegexRewrite?: RegexRewrite;
}

/** Istio's HTTPRedirect. */
export interface Redirect {
    uri?: string;
    authority?: string;
    port?: number;
    scheme?: string;
    redirectCode?: number;
}

/** Istio's CorsPolicy. */
export interface CorsPolicy {
    allowOrigins?: StringMatch[];
    allowMethods?: string[];
    allowHeaders?: string[];
    exposeHeaders?: string[];
    /** A duration such as `24h`. */
    maxAge?: string;
    allowCredentials?: boolean;
}

/**
 * A rule ahead of the default route, in Istio's HTTPRoute terms. It sends a
 * request to `subset` (a version of the service), to `route` (destinations
 * and weights, other hosts and ports included) or answers with `redirect`:
 * exactly one of the three. Without `match` it takes every request left.
 */
export interface HttpRoute {
    name?: string;
    match?: HttpMatch[];
    subset?: string;
    route?: RouteDestination[];
    redirect?: Redirect;
    rewrite?: Rewrite;
    /** The route's own; the service's when left out. */
    timeout?: string;
    retries?: Retries;
    fault?: Fault;
    headers?: Headers;
    corsPolicy?: CorsPolicy;
    mirror?: Destination;
    mirrorPercentage?: Percent;
}

/** Istio's L4MatchAttributes, the parts used here. */
export interface TcpMatch {
    port?: number;
    /** Destination IPs (with optional prefix length) such as 10.0.0.0/16. */
    destinationSubnets?: string[];
    sourceLabels?: Record<string, string>;
    sourceNamespace?: string;
    gateways?: string[];
}

/** Istio's RouteDestination (TCP). */
/** Istio's TLSMatchAttributes: the SNI hosts (required) and what a TCP match takes. */
export interface TlsMatch extends TcpMatch {
    sniHosts: string[];
}

/** Istio's TLSRoute: unterminated TLS routed by SNI (passthrough at a gateway, or on through an egress gateway). */
export interface TlsRoute {
    match: TlsMatch[];
    route: TcpRouteDestination[];
}

export interface TcpRouteDestination {
    destination: Destination;
    weight?: number;
}

/** Istio's TCPRoute. */
export interface TcpRoute {
    match?: TcpMatch[];
    route: TcpRouteDestination[];
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

/** Istio's ConnectionPoolSettings.TCPSettings, the parts used here. */
export interface TCPSettings {
    maxConnections?: number;
    /** A duration such as `5s`. */
    connectTimeout?: string;
    idleTimeout?: string;
    maxConnectionDuration?: string;
}

export const H2UpgradePolicy = { DEFAULT: "DEFAULT", DO_NOT_UPGRADE: "DO_NOT_UPGRADE", UPGRADE: "UPGRADE" } as const;
/** Whether HTTP/1.1 connections are upgraded to HTTP/2. */
export type H2UpgradePolicy = (typeof H2UpgradePolicy)[keyof typeof H2UpgradePolicy];

/** Istio's ConnectionPoolSettings.HTTPSettings, the parts used here. */
export interface HTTPSettings {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
    /** A duration such as `1h`. */
    idleTimeout?: string;
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
    consecutiveGatewayErrors?: number;
    /** A duration such as `10s`. */
    interval?: string;
    baseEjectionTime?: string;
    maxEjectionPercent?: number;
    minHealthPercent?: number;
}

export const ClientTLSMode = { ISTIO_MUTUAL: "ISTIO_MUTUAL", DISABLE: "DISABLE", SIMPLE: "SIMPLE", MUTUAL: "MUTUAL" } as const;
/**
 * The client-side TLS mode; leaving `tls` out keeps Istio's auto mTLS. SIMPLE and
 * MUTUAL originate TLS to a host outside the mesh.
 */
export type ClientTLSMode = (typeof ClientTLSMode)[keyof typeof ClientTLSMode];

/** Istio's ClientTLSSettings, the parts used here. */
export interface ClientTLSSettings {
    mode: ClientTLSMode;
    /** MUTUAL: the Secret (in the client's namespace) with the client certificate, key and CA. */
    credentialName?: string;
    /** The server name sent in the TLS handshake. */
    sni?: string;
    subjectAltNames?: string[];
}

export const SimpleLB = {
    UNSPECIFIED: "UNSPECIFIED", RANDOM: "RANDOM", PASSTHROUGH: "PASSTHROUGH", ROUND_ROBIN: "ROUND_ROBIN", LEAST_REQUEST: "LEAST_REQUEST",
} as const;
/** Istio's LoadBalancerSettings.SimpleLB. */
export type SimpleLB = (typeof SimpleLB)[keyof typeof SimpleLB];

/** Istio's LoadBalancerSettings.ConsistentHashLB.HTTPCookie. */
export interface HttpCookie {
    name: string;
    path?: string;
    /** A duration such as `60s`. */
    ttl?: string;
}

/** Istio's ConsistentHashLB: sticky sessions by exactly one of header, cookie, source IP or query parameter. */
export interface ConsistentHash {
    httpHeaderName?: string;
    httpCookie?: HttpCookie;
    useSourceIp?: boolean;
    httpQueryParameterName?: string;
}

/** Istio's LocalityLoadBalancerSetting.Distribute: locality -> share of traffic for `from`. */
export interface LocalityDistribute {
    from: string;
    to: Record<string, number>;
}

/** Istio's LocalityLoadBalancerSetting.Failover: region `from` fails over to region `to`. */
export interface LocalityFailover {
    from: string;
    to: string;
}

/** Istio's LocalityLoadBalancerSetting. */
export interface LocalityLbSetting {
    enabled?: boolean;
    distribute?: LocalityDistribute[];
    failover?: LocalityFailover[];
    failoverPriority?: string[];
}

/** Istio's LoadBalancerSettings: `simple` or `consistentHash`, and locality settings. */
export interface LoadBalancerSettings {
    simple?: SimpleLB;
    consistentHash?: ConsistentHash;
    localityLbSetting?: LocalityLbSetting;
}

/** Istio's TrafficPolicy.PortTrafficPolicy. */
export interface PortTrafficPolicy {
    port: PortSelector;
    loadBalancer?: LoadBalancerSettings;
    connectionPool?: ConnectionPoolSettings;
    outlierDetection?: OutlierDetection;
    tls?: ClientTLSSettings;
}

/** Istio's TrafficPolicy, the parts used here. */
export interface TrafficPolicy {
    loadBalancer?: LoadBalancerSettings;
    connectionPool?: ConnectionPoolSettings;
    outlierDetection?: OutlierDetection;
    tls?: ClientTLSSettings;
    portLevelSettings?: PortTrafficPolicy[];
}

/** One service's traffic rules: its subsets (versions), routes, resilience and visibility. */
export interface MeshServiceArgs {
    /**
     * Kubernetes name of the VirtualService and DestinationRule, and the
     * service's name in `host`'s default. Lets two services of one name in
     * different namespaces have distinct Pulumi names (`team-a-api`, `team-b-api`).
     * @default the component name
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
     */
    name?: string;
    /** Namespace of the service and of its rules. */
    namespace: string;
    /**
     * The service's host when it differs from its name: `name`, `name.namespace` (for a namespace in
     * meshNamespaces), `name.namespace.svc[.cluster.local]`, or an external host such as httpbin.org.
     * @default `name` (the service of that name in `namespace`)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-hosts
     */
    host?: string;
    /**
     * Namespaces whose `name.namespace` hosts are Kubernetes services (the service's own always is).
     * @default none (only `namespace`)
     * @see https://istio.io/latest/docs/ops/best-practices/traffic-management/#cross-namespace-configuration
     */
    meshNamespaces?: string[];
    /**
     * More hosts the VirtualService answers for, such as the name clients use at the ingress gateway (`myapp.example.com`).
     * @default none (only `host`)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-hosts
     */
    hosts?: string[];
    /**
     * Gateways the routes apply to (Istio's `gateways`): `<namespace>/<name>` of a Gateway, and `mesh` for
     * the sidecars. Left out: the sidecars only. The rules are then exported to each gateway's namespace.
     * @default none: the sidecars only (`mesh`)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-gateways
     */
    gateways?: string[];
    /**
     * Where the rules are visible: `.` (own namespace, the default), `*` or namespace names.
     * @default ["."] (DEFAULT_EXPORT_TO), plus each gateway's namespace
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-export_to
     */
    exportTo?: string[];
    /**
     * Subset name -> pod labels, such as `v1: {version: v1}`.
     * @default none (no subsets)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
     */
    versions?: Record<string, Record<string, string>>;
    /**
     * Pods whose sidecars apply the DestinationRule (Istio's `workloadSelector`); every caller when left out.
     * @default none (every caller)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#DestinationRule-workload_selector
     */
    workloadSelector?: WorkloadSelector;
    /**
     * Per-version traffic policies (subset name -> policy), over the service's `trafficPolicy`.
     * @default none (each subset has `trafficPolicy`)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset-traffic_policy
     */
    subsetTrafficPolicy?: Record<string, TrafficPolicy>;
    /**
     * The default route's split; without it the default route goes to the service as a whole.
     * @default none (the default route goes to the service as a whole)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination-weight
     */
    canary?: Canary;
    /**
     * HTTP routes tried in order before the default route.
     * @default none (the default route only)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
     */
    routes?: HttpRoute[];
    /**
     * TCP routes (Istio's `tcp`); a service with only these gets no HTTP routes.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute
     */
    tcp?: TcpRoute[];
    /**
     * TLS routes by SNI (Istio's `tls`); a service with only these (and `tcp`) gets no HTTP routes.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TLSRoute
     */
    tls?: TlsRoute[];
    /**
     * `false`: no route after `routes`, so a request none of them matches gets a 404, as in Istio's
     * samples whose routes all have a match. The default route (to the service, or the canary split) otherwise.
     * @default true
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
     */
    defaultRoute?: boolean;
    /**
     * Copies of the default route's traffic: to a version, or to another host.
     * @default none (no mirroring)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-mirror
     */
    mirror?: Destination;
    /**
     * Share of the default route's traffic that `mirror` copies.
     * @default Istio's: 100% of the traffic when `mirror` is set
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-mirror_percentage
     */
    mirrorPercentage?: Percent;
    /**
     * A duration such as `10s`; on every HTTP route that does not set its own.
     * @default none: Istio's (no timeout for HTTP routes)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-timeout
     */
    timeout?: string;
    /**
     * Retries of failed requests, on every HTTP route that does not set its own.
     * @default none: Istio's (2 attempts)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
     */
    retries?: Retries;
    /**
     * Injected faults, on every HTTP route that does not set its own.
     * @default none (no faults)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
     */
    fault?: Fault;
    /**
     * Header changes on requests and responses, on every HTTP route that does not set its own.
     * @default none (headers pass unchanged)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers
     */
    headers?: Headers;
    /**
     * Cross-origin resource sharing rules, on every HTTP route that does not set its own.
     * @default none (no CORS handling)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy
     */
    corsPolicy?: CorsPolicy;
    /**
     * The DestinationRule's traffic policy: connection pool, outlier detection, load balancing and TLS.
     * @default none: Istio's (auto mTLS, no pool limits, no outlier detection)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy
     */
    trafficPolicy?: TrafficPolicy;
}
