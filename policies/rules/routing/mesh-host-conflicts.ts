import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { groupBy } from "../lib/group";
import { fqdn, hostsOverlap } from "../lib/hosts";
import { ofKind, VirtualService } from "../lib/kinds";
import { asList, describe, namespaceOf, ResourceLike } from "../lib/objects";

/** A VirtualService applies to sidecars when it names no gateways or names `mesh`. */
function forSidecars(r: ResourceLike): boolean {
    const gateways = asList(r.props.spec?.gateways);
    return gateways.length === 0 || gateways.includes("mesh");
}

/** Namespaces whose clients see it: its exportTo (`.` is its own), `*` for all. */
function scopes(r: ResourceLike): string[] {
    const exportTo = asList(r.props.spec?.exportTo).map(String);
    if (exportTo.length === 0 || exportTo.includes("*")) return ["*"];
    return [...new Set(exportTo.map((ns) => (ns === "." ? namespaceOf(r) : ns)))];
}

interface Claim {
    vs: ResourceLike;
    scope: string;
    host: string;
    /** Its place among all claims, so rivals are listed in the stack's order. */
    at: number;
}

/**
 * The claims that contend with a claim: the same scope and host, or, for a claim seen in some
 * namespaces only, a claim exported everywhere whose host covers it. Indexed once, so a stack of
 * thousands of VirtualServices is judged in linear time, not by comparing every pair.
 */
function rivalsOf(claims: Claim[]): (claim: Claim) => Claim[] {
    const sameScope = groupBy(claims, (c) => `${c.scope} ${c.host}`);
    const everywhere = claims.filter((c) => c.scope === "*");
    const everywhereByHost = groupBy(everywhere, (c) => c.host);
    const everywhereWildcards = everywhere.filter((c) => c.host.startsWith("*"));
    return (claim) => {
        const candidates = new Set(sameScope.get(`${claim.scope} ${claim.host}`));
        if (claim.scope !== "*") {
            const covering = claim.host.startsWith("*")
                ? everywhere.filter((c) => hostsOverlap(claim.host, c.host))
                : [...(everywhereByHost.get(claim.host) ?? []), ...everywhereWildcards.filter((c) => hostsOverlap(claim.host, c.host))];
            for (const c of covering) candidates.add(c);
        }
        return [...candidates].filter((c) => c.vs !== claim.vs).sort((a, b) => a.at - b.at);
    };
}

/**
 * Sidecars take one VirtualService per host; two for the same host (or a
 * wildcard covering it) visible from one namespace leave which one wins
 * undefined. Gateways merge theirs, so only the mesh gateway is judged.
 */
export const meshHostConflicts: MeshStackPolicy = {
    name: "routing-mesh-host-conflicts",
    description: "No two VirtualServices for sidecars (the mesh gateway) route the same host for clients in the same namespace (istioctl IST0109).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["traffic"],
        why: "which routes a client gets is undefined",
        messages: [MESSAGES.MeshHostConflict],
        istio: ["IST0109"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0109/",
    },
    validateStack: (args, reportViolation) => {
        const claims: Claim[] = ofKind(args.resources, VirtualService).filter(forSidecars).flatMap((vs) =>
            scopes(vs).flatMap((scope) => asList(vs.props.spec?.hosts).map((h) => ({ vs, scope, host: fqdn(String(h), namespaceOf(vs)) }))))
            .map((c, at) => ({ ...c, at }));
        const rivalsOfClaim = rivalsOf(claims);
        const reported = new Set<ResourceLike>();
        for (const claim of claims) {
            if (reported.has(claim.vs)) continue;
            const rivals = rivalsOfClaim(claim);
            if (rivals.length === 0) continue;
            reported.add(claim.vs);
            const others = [...new Set(rivals.map((c) => describe(c.vs)))].join(", ");
            report(reportViolation, MESSAGES.MeshHostConflict, {
                subject: describe(claim.vs), host: claim.host, others, namespaces: claim.scope === "*" ? "every namespace" : claim.scope,
            }, claim.vs.urn);
        }
    },
};
