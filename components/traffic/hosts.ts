import { z } from "zod";
import { DNS_LABEL_PATTERN } from "../common/validation";

/**
 * Hosts of in-mesh Kubernetes services, always written as FQDNs
 * (`<service>.<namespace>.svc.cluster.local`): Istio expands a short name
 * relative to the namespace of the rule, so `orders` in a rule in `frontend`
 * would silently mean `orders.frontend`. The FQDN is also the identity that
 * makes one VirtualService and one DestinationRule per host checkable.
 */
export const CLUSTER_DOMAIN = "svc.cluster.local";

// The DNS label pattern without anchors, its groups made non-capturing.
const label = DNS_LABEL_PATTERN.source.slice(1, -1).replace(/\((?!\?)/g, "(?:");
// `name`, `name.ns`, `name.ns.svc` or `name.ns.svc.cluster.local`.
const SERVICE_HOST = new RegExp(`^(${label})(?:\\.(${label})(?:\\.svc(?:\\.cluster\\.local)?)?)?$`);

export const serviceHost = z.string().regex(SERVICE_HOST, {
    error: "expected a Kubernetes service host: <service>, <service>.<namespace> or <service>.<namespace>.svc.cluster.local",
});

/** The FQDN of `host` (a service name, `name.ns`, or an FQDN) seen from `namespace`. */
export function serviceFqdn(host: string, namespace: string): string {
    const match = SERVICE_HOST.exec(host);
    if (!match) throw new Error(`${JSON.stringify(host)} is not a Kubernetes service host`);
    return `${match[1]}.${match[2] ?? namespace}.${CLUSTER_DOMAIN}`;
}

export interface ServiceHost {
    /** The service's name (its key in the services map). */
    name: string;
    namespace: string;
    /** Host as configured; the service's name when omitted. */
    host?: string;
}

/** Each second claim on a host already claimed by an earlier service: `[name, fqdn, firstName]`. */
export function duplicateHosts(services: readonly ServiceHost[]): Array<[string, string, string]> {
    const owners = new Map<string, string>();
    const duplicates: Array<[string, string, string]> = [];
    for (const s of services) {
        const fqdn = serviceFqdn(s.host ?? s.name, s.namespace);
        const owner = owners.get(fqdn);
        if (owner === undefined) owners.set(fqdn, s.name);
        else duplicates.push([s.name, fqdn, owner]);
    }
    return duplicates;
}
