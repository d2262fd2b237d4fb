import type { TrafficArgs } from "./args";
import type {
    CorsPolicy, Destination, Fault, Headers, HttpMatch, Percent, Redirect, Retries, Rewrite, RouteDestination, TcpMatch, TlsMatch,
} from "./service-settings";

/**
 * Pure builder of a VirtualService spec (networking.istio.io/v1) from
 * validated traffic arguments. Only fields that are set are written, so the
 * output is what a person would write by hand (and what Istio's samples show).
 */

/** A destination as written: the host always named. */
export interface WrittenDestination extends Destination {
    host: string;
}

export interface HTTPRouteDestination extends RouteDestination {
    destination: WrittenDestination;
}

export interface HTTPRoute {
    name?: string;
    match?: HttpMatch[];
    route?: HTTPRouteDestination[];
    redirect?: Redirect;
    rewrite?: Rewrite;
    mirror?: WrittenDestination;
    mirrorPercentage?: Percent;
    timeout?: string;
    retries?: Retries;
    fault?: Fault;
    headers?: Headers;
    corsPolicy?: CorsPolicy;
}

export interface TCPRoute {
    match?: TcpMatch[];
    route: Array<{ destination: WrittenDestination; weight?: number }>;
}

export interface TLSRoute {
    match: TlsMatch[];
    route: Array<{ destination: WrittenDestination; weight?: number }>;
}

export interface VirtualServiceSpec {
    hosts: string[];
    gateways?: string[];
    exportTo?: string[];
    http?: HTTPRoute[];
    tcp?: TCPRoute[];
    tls?: TLSRoute[];
}

type Settings = Pick<TrafficArgs, "timeout" | "retries" | "fault" | "headers" | "corsPolicy">;
const SETTINGS = ["timeout", "retries", "fault", "headers", "corsPolicy"] as const;
// A redirect answers at once: timeout, retries and faults do not apply to it.
const REDIRECT_SETTINGS = ["headers", "corsPolicy"] as const;

// The service's settings, each overridden by the route's own.
function settings(service: Settings, route: Settings, keys: readonly (keyof Settings)[]): Settings {
    return Object.fromEntries(keys.flatMap((k) => {
        const value = route[k] ?? service[k];
        return value === undefined ? [] : [[k, value]];
    }));
}

// Anything that only an HTTP route carries: with none of it, a service with TCP or TLS routes gets no HTTP routes.
function wantsHttp(args: TrafficArgs): boolean {
    return (args.tcp === undefined && args.tls === undefined) ||
        [args.routes, args.canary, args.mirror, ...SETTINGS.map((k) => args[k])].some((v) => v !== undefined);
}

/** @internal */
export function virtualServiceSpec(args: TrafficArgs): VirtualServiceSpec {
    const { host } = args;
    const to = (d: Destination = {}): WrittenDestination => ({
        host: d.host ?? host,
        ...(d.subset !== undefined && { subset: d.subset }),
        ...(d.port !== undefined && { port: d.port }),
    });
    const destinations = (route: RouteDestination[]): HTTPRouteDestination[] =>
        route.map((d) => ({ ...d, destination: to(d.destination) }));
    const matched = (args.routes ?? []).map((r): HTTPRoute => ({
        ...(r.name !== undefined && { name: r.name }),
        ...(r.match !== undefined && { match: r.match }),
        ...(r.subset !== undefined && { route: [{ destination: to({ subset: r.subset }) }] }),
        ...(r.route !== undefined && { route: destinations(r.route) }),
        ...(r.redirect !== undefined && { redirect: r.redirect }),
        ...(r.rewrite !== undefined && { rewrite: r.rewrite }),
        ...(r.mirror !== undefined && { mirror: to(r.mirror) }),
        ...(r.mirrorPercentage !== undefined && { mirrorPercentage: r.mirrorPercentage }),
        ...settings(args, r, r.redirect === undefined ? SETTINGS : REDIRECT_SETTINGS),
    }));
    const weights = Object.entries(args.canary?.weights ?? {});
    // One destination takes all traffic: a weight would only repeat 100.
    const split: HTTPRouteDestination[] =
        weights.length === 0 ? [{ destination: to() }]
        : weights.length === 1 ? [{ destination: to({ subset: weights[0][0] }) }]
        : weights.map(([subset, weight]) => ({ destination: to({ subset }), weight }));
    // The default route has no match and comes last: Istio takes the first route that matches.
    const fallback: HTTPRoute = {
        route: split,
        ...(args.mirror !== undefined && { mirror: to(args.mirror) }),
        ...(args.mirrorPercentage !== undefined && { mirrorPercentage: args.mirrorPercentage }),
        ...settings(args, {}, SETTINGS),
    };
    const l4 = (route: Array<{ destination: Destination; weight?: number }>) => route.map((d) => ({ ...d, destination: to(d.destination) }));
    const tcp = args.tcp?.map((r): TCPRoute => ({
        ...(r.match !== undefined && { match: r.match }),
        route: l4(r.route),
    }));
    const tls = args.tls?.map((r): TLSRoute => ({ match: r.match, route: l4(r.route) }));
    return {
        hosts: [host, ...(args.hosts ?? [])],
        ...(args.gateways !== undefined && { gateways: args.gateways }),
        ...(args.exportTo !== undefined && { exportTo: args.exportTo }),
        ...(wantsHttp(args) && { http: args.defaultRoute === false ? matched : [...matched, fallback] }),
        ...(tcp !== undefined && { tcp }),
        ...(tls !== undefined && { tls }),
    };
}
