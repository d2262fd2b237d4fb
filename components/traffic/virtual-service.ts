import type { TrafficArgs } from "./args";
import type { HttpMatch, Retries } from "./service-settings";

/**
 * Pure builder of a VirtualService spec (networking.istio.io/v1) from
 * validated traffic arguments. Only fields that are set are written, so the
 * output is what a person would write by hand (and what the seed shows).
 */

export interface Destination {
    host: string;
    subset?: string;
}

export interface HTTPRouteDestination {
    destination: Destination;
    weight?: number;
}

export interface HTTPRoute {
    name?: string;
    match?: HttpMatch[];
    route: HTTPRouteDestination[];
    mirror?: Destination;
    mirrorPercentage?: { value: number };
    timeout?: string;
    retries?: Retries;
}

export interface VirtualServiceSpec {
    hosts: string[];
    exportTo?: string[];
    http: HTTPRoute[];
}

export function virtualServiceSpec(args: TrafficArgs): VirtualServiceSpec {
    const { host } = args;
    const to = (subset?: string): Destination => (subset === undefined ? { host } : { host, subset });
    // Timeout and retries hold for every route of the host, matched or not.
    const policies = {
        ...(args.timeout !== undefined && { timeout: args.timeout }),
        ...(args.retries !== undefined && { retries: args.retries }),
    };
    const matched = (args.routes ?? []).map((r): HTTPRoute => ({
        ...(r.name !== undefined && { name: r.name }),
        match: r.match,
        route: [{ destination: to(r.subset) }],
        ...policies,
    }));
    const weights = Object.entries(args.canary?.weights ?? {});
    // One destination takes all traffic: a weight would only repeat 100.
    const split: HTTPRouteDestination[] =
        weights.length === 0 ? [{ destination: to() }]
        : weights.length === 1 ? [{ destination: to(weights[0][0]) }]
        : weights.map(([subset, weight]) => ({ destination: to(subset), weight }));
    // The default route has no match and comes last: Istio takes the first route that matches.
    const fallback: HTTPRoute = {
        route: split,
        ...(args.mirror !== undefined && { mirror: to(args.mirror.subset) }),
        ...(args.mirrorPercentage !== undefined && { mirrorPercentage: args.mirrorPercentage }),
        ...policies,
    };
    return {
        hosts: [host],
        ...(args.exportTo !== undefined && { exportTo: args.exportTo }),
        http: [...matched, fallback],
    };
}
