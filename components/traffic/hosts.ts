import { z } from "zod";
import { DNS_LABEL_PATTERN } from "../common/validation";

/**
 * A host in traffic settings is either a Kubernetes service or an external
 * host. Services are always written as FQDNs
 * (`<service>.<namespace>.svc.cluster.local`): Istio expands a short name
 * relative to the namespace of the rule, so `orders` in a rule in `frontend`
 * would silently mean `orders.frontend`; the FQDN is also the identity that
 * makes one VirtualService and one DestinationRule per host checkable.
 *
 * The rule: `name`, `name.ns.svc` and `name.ns.svc.cluster.local` are
 * services; `name.ns` is a service only when `ns` is a known namespace (the
 * rule's own, or one the caller declares); every other host is external and
 * kept as written, as Istio does (httpbin.org is not httpbin.org.svc...).
 */
export const CLUSTER_DOMAIN = "svc.cluster.local";

// The DNS label pattern without anchors, its groups made non-capturing.
const label = DNS_LABEL_PATTERN.source.slice(1, -1).replace(/\((?!\?)/g, "(?:");
const KUBERNETES_HOST = new RegExp(`^(${label})(?:\\.(${label})(?:\\.svc(?:\\.cluster\\.local)?)?)?$`);
const DNS_NAME = new RegExp(`^${label}(?:\\.${label})*$`);
// A ServiceEntry or Gateway may also name every subdomain: `*.example.com`, or `*` for any host.
const WILDCARD_NAME = new RegExp(`^(?:\\*|\\*\\.${label}(?:\\.${label})*)$`);

const HOST_ERROR = "expected a host: a Kubernetes service (<service>, <service>.<namespace>, <service>.<namespace>.svc[.cluster.local]) " +
    "or an external DNS name such as httpbin.org, lower case, without wildcards";

/**
 * One host a service's rules are for: a service name or an external DNS name, never a wildcard.
 * @internal
 */
export const serviceHost = z.string().max(253, { error: "expected at most 253 characters" }).regex(DNS_NAME, { error: HOST_ERROR });

/**
 * A host that may be a wildcard (`*.example.com`, `*`), as ServiceEntries, Gateways and Sidecars take them.
 * @internal
 */
export const wildcardHost = z
    .string()
    .max(253, { error: "expected at most 253 characters" })
    .refine((h) => DNS_NAME.test(h) || WILDCARD_NAME.test(h), {
        error: "expected a DNS name such as httpbin.org, or a wildcard such as *.example.com (or * for every host)",
    });

export interface ResolvedHost {
    /** The host as the objects carry it: an FQDN for a service, as written for an external host. */
    host: string;
    external: boolean;
}

/**
 * How Istio objects in `namespace` should name `host`. `knownNamespaces` are
 * the namespaces whose `name.ns` form means a service (the rule's own always
 * does). Undefined for text that is no host at all (the schema reports it).
 */
export function resolveHost(host: string, namespace: string, knownNamespaces: readonly string[] = []): ResolvedHost | undefined {
    const match = KUBERNETES_HOST.exec(host);
    if (match) {
        const [, name, ns] = match;
        const twoLabels = ns !== undefined && host === `${name}.${ns}`;
        if (!twoLabels || ns === namespace || knownNamespaces.includes(ns)) {
            return { host: `${name}.${ns ?? namespace}.${CLUSTER_DOMAIN}`, external: false };
        }
    }
    return DNS_NAME.test(host) ? { host, external: true } : undefined;
}

/** The FQDN of a Kubernetes service host seen from `namespace`; throws for an external host. */
export function serviceFqdn(host: string, namespace: string, knownNamespaces: readonly string[] = []): string {
    const resolved = resolveHost(host, namespace, knownNamespaces);
    if (resolved === undefined || resolved.external) throw new Error(`${JSON.stringify(host)} is not a Kubernetes service host`);
    return resolved.host;
}

/** Whether `host` is one of `patterns` (exact, `*.suffix` for any subdomain, or `*`). */
export function hostCovered(host: string, patterns: readonly string[]): boolean {
    return patterns.some((p) => p === host || p === "*" || (p.startsWith("*.") && host.endsWith(p.slice(1))));
}

export interface ServiceHost {
    /** The service's name (its key in the services map). */
    name: string;
    namespace: string;
    /** Host as configured; the service's name when omitted. */
    host?: string;
}

/**
 * Each second claim on a host already claimed by an earlier service:
 * `[name, host, firstName]`. Hosts that are no host at all are skipped: the
 * schema reports them where they stand.
 */
export function duplicateHosts(services: readonly ServiceHost[], knownNamespaces: readonly string[] = []): Array<[string, string, string]> {
    const owners = new Map<string, string>();
    const duplicates: Array<[string, string, string]> = [];
    for (const s of services) {
        const resolved = resolveHost(s.host ?? s.name, s.namespace, knownNamespaces);
        if (resolved === undefined) continue;
        const owner = owners.get(resolved.host);
        if (owner === undefined) owners.set(resolved.host, s.name);
        else duplicates.push([s.name, resolved.host, owner]);
    }
    return duplicates;
}
