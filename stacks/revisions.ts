import { DEFAULT_TAG, revisionProblems, revisionTargets, unknownTarget } from "../components/mesh/revisions";
import type { Environment } from "./schema";

/**
 * Rules of a canary upgrade across the config: the revisions, tags and
 * versions themselves (components/mesh/revisions.ts, as IstioMesh checks
 * them, for both gateways), and every labelled namespace naming a revision or tag that exists
 * after the change, so a revision cannot be removed while a namespace uses it.
 */
export function revisionConfigProblems(env: Pick<Environment, "istio" | "namespaces">): Array<{ path: PropertyKey[]; message: string }> {
    const { istio } = env;
    const { enabled: gatewayOn, ...gateway } = istio.gateway;
    const { enabled: egressOn, ...egressGateway } = istio.egressGateway;
    const problems: Array<{ path: PropertyKey[]; message: string }> = revisionProblems({
        version: istio.version,
        revision: istio.revision,
        revisions: istio.revisions,
        tags: istio.revisionTags,
        gateway: gatewayOn ? gateway : undefined,
        egressGateway: egressOn ? egressGateway : undefined,
    }).map((p) => ({ path: ["istio", ...p.path], message: p.message }));
    const targets = istio.revisions.length > 0 ? revisionTargets(istio.revisions, istio.revisionTags) : [istio.revision].filter((r) => r !== undefined);
    for (const [name, ns] of Object.entries(env.namespaces)) {
        if (ns.revision !== undefined && !targets.includes(ns.revision)) {
            problems.push({ path: ["namespaces", name, "revision"], message: unknownTarget(ns.revision, istio.revisions, istio.revisionTags) });
        }
        if (ns.revision === undefined && istio.revisions.length > 0 && istio.revisionTags[DEFAULT_TAG] === undefined) {
            problems.push({
                path: ["namespaces", name, "revision"],
                message: `with revisions, a namespace names the revision or tag that injects it (or istio-mesh:istio.revisionTags has a ${DEFAULT_TAG} tag): no control plane would serve it`,
            });
        }
    }
    return problems;
}
