import { resolveHost } from "./hosts";
import type { Destination } from "./service-settings";

/**
 * The hosts a service's routes and mirrors send to, written the way its own
 * host is (a Kubernetes service as an FQDN, an external host as written),
 * seen from the service's namespace: `ratings` in a rule in `shop` is
 * `ratings.shop.svc.cluster.local`, whatever namespace reads the rule.
 */

interface Routed {
    routes?: Array<{ route?: Array<{ destination: Destination }>; mirror?: Destination }>;
    tcp?: Array<{ route: Array<{ destination: Destination }> }>;
    tls?: Array<{ route: Array<{ destination: Destination }> }>;
    mirror?: Destination;
}

export function withResolvedDestinations<T extends Routed>(traffic: T, namespace: string, meshNamespaces: readonly string[] = []): T {
    const resolve = <D extends Destination | undefined>(d: D): D =>
        (d?.host === undefined ? d : { ...d, host: resolveHost(d.host, namespace, meshNamespaces)?.host ?? d.host });
    const routed = <R extends { destination: Destination }>(list: R[]): R[] => list.map((r) => ({ ...r, destination: resolve(r.destination) }));
    return {
        ...traffic,
        ...(traffic.routes && {
            routes: traffic.routes.map((r) => ({
                ...r,
                ...(r.route && { route: routed(r.route) }),
                ...(r.mirror && { mirror: resolve(r.mirror) }),
            })),
        }),
        ...(traffic.tcp && { tcp: traffic.tcp.map((r) => ({ ...r, route: routed(r.route) })) }),
        ...(traffic.tls && { tls: traffic.tls.map((r) => ({ ...r, route: routed(r.route) })) }),
        ...(traffic.mirror && { mirror: resolve(traffic.mirror) }),
    };
}
