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
