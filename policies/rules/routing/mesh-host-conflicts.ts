import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
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
            scopes(vs).flatMap((scope) => asList(vs.props.spec?.hosts).map((h) => ({ vs, scope, host: fqdn(String(h), namespaceOf(vs)) }))));
        const reported = new Set<ResourceLike>();
        for (const claim of claims) {
            // Same scope and host, or a VirtualService exported everywhere whose host covers this one.
            const rivals = claims.filter((c) => c.vs !== claim.vs &&
                ((c.scope === claim.scope && c.host === claim.host) || (claim.scope !== "*" && c.scope === "*" && hostsOverlap(claim.host, c.host))));
            if (rivals.length === 0 || reported.has(claim.vs)) continue;
            reported.add(claim.vs);
            const others = [...new Set(rivals.map((c) => describe(c.vs)))].join(", ");
            report(reportViolation, MESSAGES.MeshHostConflict, {
                subject: describe(claim.vs), host: claim.host, others, namespaces: claim.scope === "*" ? "every namespace" : claim.scope,
            }, claim.vs.urn);
        }
    },
};
