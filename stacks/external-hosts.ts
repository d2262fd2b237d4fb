import { hostCovered, resolveHost } from "../components/traffic/hosts";
import type { Environment } from "./schema";

/**
 * The external hosts a service's rules are for or send to, with the config
 * path that names each: Istio routes to a host outside the cluster only when
 * a ServiceEntry puts it in the registry, so each needs one.
 */
export function externalHostsWithoutEntry(
    env: Pick<Environment, "services" | "egress">,
    knownNamespaces: readonly string[],
): Array<{ path: PropertyKey[]; host: string }> {
    const entryHosts = Object.values(env.egress.serviceEntries).flatMap((e) => e.hosts);
    const found: Array<{ path: PropertyKey[]; host: string }> = [];
    for (const [name, s] of Object.entries(env.services)) {
        const check = (host: string | undefined, path: PropertyKey[]) => {
            if (host === undefined) return;
            const resolved = resolveHost(host, s.namespace, [...knownNamespaces, ...(s.meshNamespaces ?? [])]);
            if (resolved?.external && !hostCovered(resolved.host, entryHosts)) found.push({ path: ["services", name, ...path], host: resolved.host });
        };
        check(s.host ?? name, s.host === undefined ? [] : ["host"]);
        s.routes?.forEach((r, i) => {
            r.route?.forEach((d, j) => check(d.destination.host, ["routes", i, "route", j, "destination", "host"]));
            check(r.mirror?.host, ["routes", i, "mirror", "host"]);
        });
        for (const kind of ["tcp", "tls"] as const) {
            s[kind]?.forEach((r, i) => r.route.forEach((d, j) => check(d.destination.host, [kind, i, "route", j, "destination", "host"])));
        }
        check(s.mirror?.host, ["mirror", "host"]);
    }
    return found;
}
