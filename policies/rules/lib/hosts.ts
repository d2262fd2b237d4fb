/**
 * Istio reads a host without a dot relative to the namespace of the rule that
 * names it (`myapp` in a rule in `default` is `myapp.default.svc.cluster.local`)
 * and takes any other host literally (pilot's ResolveShortnameToFQDN).
 * Comparing hosts across VirtualServices and DestinationRules needs that form.
 */
export function fqdn(host: string, namespace: string, domain = "cluster.local"): string {
    if (host === "*" || host.includes(".") || host.includes(":")) return host;
    return `${host}.${namespace}.svc.${domain}`;
}

/**
 * Two hosts overlap when they are equal or a wildcard (`*.example.com`, `*`)
 * covers the other, as pilot's host.Name.Matches reads them.
 */
export function hostsOverlap(a: string, b: string): boolean {
    if (a === b) return true;
    const suffix = (h: string) => h.slice(1);
    if (a.startsWith("*") && b.startsWith("*")) return a.length > b.length ? a.endsWith(suffix(b)) : b.endsWith(suffix(a));
    if (a.startsWith("*")) return b.endsWith(suffix(a));
    if (b.startsWith("*")) return a.endsWith(suffix(b));
    return false;
}
