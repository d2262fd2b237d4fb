/**
 * Which namespaces make `name.ns` a Kubernetes service host in this stack:
 * the ones it labels (`istio-mesh:namespaces`), the ones its services live in,
 * and the ones a service declares in `meshNamespaces`. Any other two-label host
 * (httpbin.org) is external, as Istio reads it.
 */
export function stackNamespaces(env: {
    namespaces: Record<string, unknown>;
    services: Record<string, { namespace: string; meshNamespaces?: string[] }>;
}): string[] {
    const services = Object.values(env.services);
    return [...new Set([
        ...Object.keys(env.namespaces),
        ...services.map((s) => s.namespace),
        ...services.flatMap((s) => s.meshNamespaces ?? []),
    ])];
}
