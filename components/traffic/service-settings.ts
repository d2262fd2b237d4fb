import type { WorkloadSelector } from "../security/match";

/**
 * The public shape of one service's traffic settings: Istio's own field
 * names, as plain interfaces so TypeScript callers and Pulumi's schema for
 * other languages see the same thing. args.ts holds the rules (zod) that are
 * tied to these interfaces.
 */

/** Istio's StringMatch: exactly one of exact, prefix or regex (RE2). */
export interface StringMatch {
    /**
     * The whole value, exactly.
     * @default none (one of `exact`, `prefix` or `regex` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch-exact
     */
    exact?: string;
    /**
     * The value's beginning.
     * @default none (one of `exact`, `prefix` or `regex` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch-prefix
     */
    prefix?: string;
    /**
     * An RE2 regular expression the whole value matches.
     * @default none (one of `exact`, `prefix` or `regex` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch-regex
     */
    regex?: string;
}

/** Istio's HTTPMatchRequest: every field set must match. */
export interface HttpMatch {
    /**
     * A name for the match, joined to the route's name in access logs.
     * @default none (the match has no name in logs)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-name
     */
    name?: string;
    /**
     * Lower-case header names; `withoutHeaders` matches requests that do not carry them.
     * @default none (headers are not matched)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-headers
     */
    headers?: Record<string, StringMatch>;
    /**
     * Headers (lower-case names) the request must not carry, or not with these values.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-without_headers
     */
    withoutHeaders?: Record<string, StringMatch>;
    /**
     * The request's path.
     * @default none (any URI)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-uri
     */
    uri?: StringMatch;
    /**
     * The HTTP method, such as `exact: GET`.
     * @default none (any method)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-method
     */
    method?: StringMatch;
    /**
     * Query parameter name -> match.
     * @default none (query parameters are not matched)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-query_params
     */
    queryParams?: Record<string, StringMatch>;
    /**
     * `true`: `uri` matches regardless of case.
     * @default Istio's: `false` (case-sensitive)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-ignore_uri_case
     */
    ignoreUriCase?: boolean;
    /**
     * The port the request came to the host on.
     * @default none (any port)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-port
     */
    port?: number;
    /**
     * Labels of the calling workload.
     * @default none (any caller)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-source_labels
     */
    sourceLabels?: Record<string, string>;
    /**
     * Namespace of the calling workload.
     * @default none (callers in any namespace)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-source_namespace
     */
    sourceNamespace?: string;
    /**
     * Gateways (`<namespace>/<name>` or `mesh`) the match applies to.
     * @default Istio's: the VirtualService's `gateways`, which this overrides
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest-gateways
     */
    gateways?: string[];
}

/** Istio's PortSelector. */
export interface PortSelector {
    number: number;
}

/** Istio's Destination: the service's own host when `host` is left out. */
export interface Destination {
    /**
     * @default the service's own host
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination-host
     */
    host?: string;
    /**
     * A version (subset) of the host, as named in `versions`.
     * @default none (every pod of the host)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination-subset
     */
    subset?: string;
    /**
     * The host's port to send to.
     * @default none: Istio's (the host's only port; required when it has several)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination-port
     */
    port?: PortSelector;
}

/** Istio's Headers.HeaderOperations. */
export interface HeaderOperations {
    /**
     * Header name -> value, replacing what the header had.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-HeaderOperations-set
     */
    set?: Record<string, string>;
    /**
     * Header name -> value, appended to what the header had.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-HeaderOperations-add
     */
    add?: Record<string, string>;
    /**
     * Names of headers to take out.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-HeaderOperations-remove
     */
    remove?: string[];
}

/** Istio's Headers: what to change on the request and on the response. */
export interface Headers {
    /**
     * Changes to the request before it is forwarded.
     * @default none (the request passes unchanged)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-request
     */
    request?: HeaderOperations;
    /**
     * Changes to the response before it is returned.
     * @default none (the response passes unchanged)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Headers-response
     */
    response?: HeaderOperations;
}

/** Istio's HTTPRouteDestination. */
export interface RouteDestination {
    destination: Destination;
    /**
     * Relative share of the traffic: `weight / (sum of the weights)`.
     * @default Istio's: all traffic when the destination is the only one; with several, a destination without weight gets none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination-weight
     */
    weight?: number;
    /**
     * Header changes for traffic to this destination only.
     * @default none (headers pass unchanged)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination-headers
     */
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
    /**
     * Share of requests delayed.
     * @default Istio's: no request is delayed
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Delay-percentage
     */
    percentage?: Percent;
}

/** Istio's HTTPFaultInjection.Abort: an HTTP status or a gRPC status. */
export interface FaultAbort {
    /**
     * The HTTP status to answer with, such as 503.
     * @default none (one of `httpStatus` or `grpcStatus` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort-http_status
     */
    httpStatus?: number;
    /**
     * The gRPC status to answer with, such as `UNAVAILABLE`.
     * @default none (one of `httpStatus` or `grpcStatus` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort-grpc_status
     */
    grpcStatus?: string;
    /**
     * Share of requests aborted.
     * @default Istio's: no request is aborted
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort-percentage
     */
    percentage?: Percent;
}

/** Istio's HTTPFaultInjection: delay and/or abort a share of requests. */
export interface Fault {
    /**
     * Delays before the request is forwarded.
     * @default none (no request is delayed)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-delay
     */
    delay?: FaultDelay;
    /**
     * Answers with an error instead of forwarding.
     * @default none (no request is aborted)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-abort
     */
    abort?: FaultAbort;
}

/** Istio's RegexRewrite. */
export interface RegexRewrite {
    match: string;
    rewrite: string;
}

/** Istio's HTTPRewrite. */
export interface Rewrite {
    /**
     * Replaces the matched part of the path (the whole path for an exact match).
     * @default none (the path is kept)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite-uri
     */
    uri?: string;
    /**
     * The Host (authority) header sent on.
     * @default none (the Host header is kept)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite-authority
     */
    authority?: string;
    /**
     * Rewrites the path with a regular expression; not with `uri`.
     * @default none (the path is kept)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRewrite-uri_regex_rewrite
     */
    uriRegexRewrite?: RegexRewrite;
}

/** Istio's HTTPRedirect. */
export interface Redirect {
    /**
     * The path of the redirect's location.
     * @default Istio's: the request's path
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-uri
     */
    uri?: string;
    /**
     * The authority (host) of the redirect's location.
     * @default Istio's: the request's authority
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-authority
     */
    authority?: string;
    /**
     * The port of the redirect's location.
     * @default Istio's: the request's port
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-port
     */
    port?: number;
    /**
     * The scheme of the redirect's location, such as `https`.
     * @default Istio's: the request's scheme
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-scheme
     */
    scheme?: string;
    /**
     * The HTTP status of the redirect.
     * @default Istio's: 301 (Moved Permanently)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRedirect-redirect_code
     */
    redirectCode?: number;
}

/** Istio's CorsPolicy. */
export interface CorsPolicy {
    /**
     * Origins allowed to make cross-origin requests.
     * @default none (no Access-Control-Allow-Origin is sent)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-allow_origins
     */
    allowOrigins?: StringMatch[];
    /**
     * Methods allowed (Access-Control-Allow-Methods).
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-allow_methods
     */
    allowMethods?: string[];
    /**
     * Request headers allowed (Access-Control-Allow-Headers).
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-allow_headers
     */
    allowHeaders?: string[];
    /**
     * Response headers browsers may read (Access-Control-Expose-Headers).
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-expose_headers
     */
    exposeHeaders?: string[];
    /**
     * A duration such as `24h`.
     * @default none (no Access-Control-Max-Age)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-max_age
     */
    maxAge?: string;
    /**
     * Whether the caller may send credentials with the actual request.
     * @default none (no Access-Control-Allow-Credentials)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy-allow_credentials
     */
    allowCredentials?: boolean;
}

/**
 * A rule ahead of the default route, in Istio's HTTPRoute terms. It sends a
 * request to `subset` (a version of the service), to `route` (destinations
 * and weights, other hosts and ports included) or answers with `redirect`:
 * exactly one of the three. Without `match` it takes every request left.
 */
export interface HttpRoute {
    /**
     * A name for the route, shown in access logs.
     * @default none (the route has no name in logs)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-name
     */
    name?: string;
    /**
     * Conditions, any one of which selects the route.
     * @default none (every request left)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-match
     */
    match?: HttpMatch[];
    /**
     * A version of the service that takes all the route's traffic.
     * @default none (one of `subset`, `route` or `redirect` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination-subset
     */
    subset?: string;
    /**
     * Destinations and weights.
     * @default none (one of `subset`, `route` or `redirect` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-route
     */
    route?: RouteDestination[];
    /**
     * Answers with a redirect instead of forwarding.
     * @default none (one of `subset`, `route` or `redirect` is set)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-redirect
     */
    redirect?: Redirect;
    /**
     * Rewrites the path or authority before forwarding.
     * @default none (path and authority are kept)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-rewrite
     */
    rewrite?: Rewrite;
    /**
     * The route's own; the service's when left out.
     * @default the service's `timeout`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-timeout
     */
    timeout?: string;
    /**
     * Retries of failed requests on this route.
     * @default the service's `retries`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-retries
     */
    retries?: Retries;
    /**
     * Injected faults on this route.
     * @default the service's `fault`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-fault
     */
    fault?: Fault;
    /**
     * Header changes on this route.
     * @default the service's `headers`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-headers
     */
    headers?: Headers;
    /**
     * Cross-origin resource sharing rules on this route.
     * @default the service's `corsPolicy`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-cors_policy
     */
    corsPolicy?: CorsPolicy;
    /**
     * Copies of this route's traffic: to a version, or to another host.
     * @default none (no mirroring)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-mirror
     */
    mirror?: Destination;
    /**
     * Share of this route's traffic that `mirror` copies.
     * @default Istio's: 100% of the traffic when `mirror` is set
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute-mirror_percentage
     */
    mirrorPercentage?: Percent;
}

/** Istio's L4MatchAttributes, the parts used here. */
export interface TcpMatch {
    /**
     * The port on the host being addressed.
     * @default none (any port)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes-port
     */
    port?: number;
    /**
     * Destination IPs (with optional prefix length) such as 10.0.0.0/16.
     * @default none (any destination IP)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes-destination_subnets
     */
    destinationSubnets?: string[];
    /**
     * Labels of the calling workload.
     * @default none (any caller)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes-source_labels
     */
    sourceLabels?: Record<string, string>;
    /**
     * Namespace of the calling workload.
     * @default none (callers in any namespace)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes-source_namespace
     */
    sourceNamespace?: string;
    /**
     * Gateways (`<namespace>/<name>` or `mesh`) the match applies to.
     * @default Istio's: the VirtualService's `gateways`, which this overrides
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#L4MatchAttributes-gateways
     */
    gateways?: string[];
}

/** Istio's TLSMatchAttributes: the SNI hosts (required) and what a TCP match takes. */
export interface TlsMatch extends TcpMatch {
    sniHosts: string[];
}

/** Istio's TLSRoute: unterminated TLS routed by SNI (passthrough at a gateway, or on through an egress gateway). */
export interface TlsRoute {
    match: TlsMatch[];
    route: TcpRouteDestination[];
}

/** Istio's RouteDestination (TCP). */
export interface TcpRouteDestination {
    destination: Destination;
    /**
     * Relative share of the connections: `weight / (sum of the weights)`.
     * @default Istio's: all traffic when the destination is the only one; with several, a destination without weight gets none
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#RouteDestination-weight
     */
    weight?: number;
}

/** Istio's TCPRoute. */
export interface TcpRoute {
    /**
     * Conditions, any one of which selects the route.
     * @default none (every connection)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#TCPRoute-match
     */
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
    /**
     * A duration such as `2s`.
     * @default Istio's: the route's timeout (no timeout when the route has none)
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry-per_try_timeout
     */
    perTryTimeout?: string;
    /**
     * Comma-separated Envoy retry conditions or status codes, such as `5xx,connect-failure`.
     * @default Istio's: `connect-failure,refused-stream,unavailable,cancelled`
     * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry-retry_on
     */
    retryOn?: string;
}

/** Istio's ConnectionPoolSettings.TCPSettings, the parts used here. */
export interface TCPSettings {
    /**
     * Most HTTP/1 and TCP connections to one host.
     * @default Istio's: 2^32-1
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings-max_connections
     */
    maxConnections?: number;
    /**
     * A duration such as `5s`.
     * @default Istio's: 10s
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings-connect_timeout
     */
    connectTimeout?: string;
    /**
     * A duration such as `1h`: how long a connection without traffic stays open.
     * @default Istio's: 1h (`0s` turns it off)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings-idle_timeout
     */
    idleTimeout?: string;
    /**
     * A duration such as `1h`: how long a connection may live.
     * @default Istio's: no limit
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings-max_connection_duration
     */
    maxConnectionDuration?: string;
}

export const H2UpgradePolicy = { DEFAULT: "DEFAULT", DO_NOT_UPGRADE: "DO_NOT_UPGRADE", UPGRADE: "UPGRADE" } as const;
/** Whether HTTP/1.1 connections are upgraded to HTTP/2. */
export type H2UpgradePolicy = (typeof H2UpgradePolicy)[keyof typeof H2UpgradePolicy];

/** Istio's ConnectionPoolSettings.HTTPSettings, the parts used here. */
export interface HTTPSettings {
    /**
     * Most requests waiting for a connection.
     * @default Istio's: 2^32-1
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-http1_max_pending_requests
     */
    http1MaxPendingRequests?: number;
    /**
     * Most active requests to a destination.
     * @default Istio's: 2^32-1
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-http2_max_requests
     */
    http2MaxRequests?: number;
    /**
     * Most requests per connection; 1 turns keep-alive off.
     * @default Istio's: 0 (unlimited)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-max_requests_per_connection
     */
    maxRequestsPerConnection?: number;
    /**
     * Most retries outstanding to all hosts at once.
     * @default Istio's: 2^32-1
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-max_retries
     */
    maxRetries?: number;
    /**
     * A duration such as `1h`.
     * @default Istio's: 1h
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-idle_timeout
     */
    idleTimeout?: string;
    /**
     * @default Istio's: `DEFAULT` (the mesh's setting)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings-h2_upgrade_policy
     */
    h2UpgradePolicy?: H2UpgradePolicy;
}

/** Istio's ConnectionPoolSettings: the circuit breaker's limits. */
export interface ConnectionPoolSettings {
    /**
     * Limits common to HTTP and TCP connections.
     * @default none: Istio's (see each field)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-tcp
     */
    tcp?: TCPSettings;
    /**
     * Limits of HTTP requests.
     * @default none: Istio's (see each field)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-http
     */
    http?: HTTPSettings;
}

/** Istio's OutlierDetection: ejecting hosts that keep failing. */
export interface OutlierDetection {
    /**
     * 5xx answers (or connection errors) in a row that eject a host; 0 turns it off.
     * @default Istio's: 5
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-consecutive_5xx_errors
     */
    consecutive5xxErrors?: number;
    /**
     * 502, 503 or 504 answers (or connection errors) in a row that eject a host.
     * @default Istio's: off
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-consecutive_gateway_errors
     */
    consecutiveGatewayErrors?: number;
    /**
     * A duration such as `10s`.
     * @default Istio's: 10s
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-interval
     */
    interval?: string;
    /**
     * A duration such as `30s`: the shortest ejection, multiplied by the number of times a host was ejected.
     * @default Istio's: 30s
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-base_ejection_time
     */
    baseEjectionTime?: string;
    /**
     * Most hosts (%) ejected at once.
     * @default Istio's: 10%
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-max_ejection_percent
     */
    maxEjectionPercent?: number;
    /**
     * Outlier detection stops when fewer hosts (%) than this are healthy.
     * @default Istio's: 0% (outlier detection always on)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection-min_health_percent
     */
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
    /**
     * MUTUAL: the Secret (in the client's namespace) with the client certificate, key and CA.
     * @default none (MUTUAL then uses the proxy's certificate files)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-credential_name
     */
    credentialName?: string;
    /**
     * The server name sent in the TLS handshake.
     * @default Istio's: from the request's host (authority) header for SIMPLE and MUTUAL
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-sni
     */
    sni?: string;
    /**
     * Names one of which the server certificate must carry.
     * @default Istio's: checked against the request's host (authority) header
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings-subject_alt_names
     */
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
    /**
     * Path of the cookie.
     * @default none (the cookie has no path)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie-path
     */
    path?: string;
    /**
     * A duration such as `60s`.
     * @default none (the proxy does not create the cookie)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie-ttl
     */
    ttl?: string;
}

/** Istio's ConsistentHashLB: sticky sessions by exactly one of header, cookie, source IP or query parameter. */
export interface ConsistentHash {
    /**
     * Hash by this header's value.
     * @default none (one of the four is set)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-http_header_name
     */
    httpHeaderName?: string;
    /**
     * Hash by this cookie, which the proxy sets when it is missing.
     * @default none (one of the four is set)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-http_cookie
     */
    httpCookie?: HttpCookie;
    /**
     * `true`: hash by the caller's IP address.
     * @default none (one of the four is set)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-use_source_ip
     */
    useSourceIp?: boolean;
    /**
     * Hash by this query parameter's value.
     * @default none (one of the four is set)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-http_query_parameter_name
     */
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
    /**
     * `false` turns locality load balancing off for this host.
     * @default Istio's: the mesh's setting (on in Istio's default mesh configuration)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-enabled
     */
    enabled?: boolean;
    /**
     * Shares of traffic from each locality to others; not with `failover`.
     * @default none: Istio's locality-weighted defaults
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-distribute
     */
    distribute?: LocalityDistribute[];
    /**
     * Region-to-region failover order; not with `distribute`.
     * @default none: Istio's (any locality when the local one fails)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-failover
     */
    failover?: LocalityFailover[];
    /**
     * Labels that rank endpoints for failover, most important first.
     * @default none (locality only)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-failover_priority
     */
    failoverPriority?: string[];
}

/** Istio's LoadBalancerSettings: `simple` or `consistentHash`, and locality settings. */
export interface LoadBalancerSettings {
    /**
     * A load balancing algorithm without settings; not with `consistentHash`.
     * @default Istio's: `UNSPECIFIED` (Istio picks the algorithm)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-simple
     */
    simple?: SimpleLB;
    /**
     * Sticky sessions by a hash; not with `simple`.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-consistent_hash
     */
    consistentHash?: ConsistentHash;
    /**
     * Locality load balancing for this host, over the mesh's.
     * @default none: the mesh's locality settings
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-locality_lb_setting
     */
    localityLbSetting?: LocalityLbSetting;
}

/** Istio's TrafficPolicy.PortTrafficPolicy. */
export interface PortTrafficPolicy {
    port: PortSelector;
    /**
     * Load balancing for this port.
     * @default Istio's defaults (the policy's own `loadBalancer` is not inherited)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-PortTrafficPolicy-load_balancer
     */
    loadBalancer?: LoadBalancerSettings;
    /**
     * Connection limits for this port.
     * @default Istio's: no pool limits (the policy's own is not inherited)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-PortTrafficPolicy-connection_pool
     */
    connectionPool?: ConnectionPoolSettings;
    /**
     * Ejection of failing hosts on this port.
     * @default none: no outlier detection (the policy's own is not inherited)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-PortTrafficPolicy-outlier_detection
     */
    outlierDetection?: OutlierDetection;
    /**
     * TLS to this port.
     * @default Istio's: auto mTLS (the policy's own `tls` is not inherited)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-PortTrafficPolicy-tls
     */
    tls?: ClientTLSSettings;
}

/** Istio's TrafficPolicy, the parts used here. */
export interface TrafficPolicy {
    /**
     * How hosts are picked.
     * @default none: Istio's (`UNSPECIFIED`, with the mesh's locality settings)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-load_balancer
     */
    loadBalancer?: LoadBalancerSettings;
    /**
     * @default none: Istio's (no pool limits)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-connection_pool
     */
    connectionPool?: ConnectionPoolSettings;
    /**
     * @default none (no outlier detection)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-outlier_detection
     */
    outlierDetection?: OutlierDetection;
    /**
     * TLS to the host.
     * @default none: Istio's (auto mTLS)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-tls
     */
    tls?: ClientTLSSettings;
    /**
     * Policies per port; they replace the policy's own, whose fields are not inherited.
     * @default none (the same policy on every port)
     * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#TrafficPolicy-port_level_settings
     */
    portLevelSettings?: PortTrafficPolicy[];
}

/** Where a service's DestinationRule lives, apart from its VirtualService. */
export interface DestinationRulePlacement {
    /** The namespace whose proxies apply it, such as the egress gateway's (`istio-system`). */
    namespace: string;
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
     * Where the rules are visible: `.` (own namespace, the default), `*` or namespace names; the VirtualService's
     * alone when `destinationRule` places the DestinationRule elsewhere.
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
     * Where the DestinationRule lives when the proxies that apply it read it from another namespace than
     * `namespace`: an egress gateway originating TLS to a Kubernetes service of a third namespace reads the
     * host's DestinationRule only from its own namespace, the host's or the root namespace. It is then
     * exported to that namespace only (`.`), and `exportTo` applies to the VirtualService alone.
     * @default none: the DestinationRule lives in `namespace`, with the VirtualService
     * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway-tls-origination/#perform-mutual-tls-origination-with-an-egress-gateway
     */
    destinationRule?: DestinationRulePlacement;
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
