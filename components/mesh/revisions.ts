/**
 * Control plane revisions and revision tags, as Istio's canary upgrade uses
 * them: each revision is one istiod Release of one chart version; a tag is an
 * alias (a mutating webhook of the istiod chart it points at) that namespaces
 * name instead of a revision, so moving a whole group of namespaces is one
 * change of the tag. The tag `default` also selects `istio-injection=enabled`.
 */

export interface ControlPlaneRevision {
    /** Revision name, as `istio.io/rev` labels carry it (`1-30-3`). */
    name: string;
    /** Exact chart version of this revision's istiod (`1.30.3`). */
    version: string;
}

/** The tag whose webhooks also serve namespaces labelled `istio-injection=enabled`. */
export const DEFAULT_TAG = "default";

/** [major, minor, patch] of a pinned version such as `1.30.3`. */
export function versionParts(version: string): [number, number, number] {
    const [major, minor, patch] = version.split(".").map(Number);
    return [major, minor, patch];
}

export function compareVersions(a: string, b: string): number {
    const [pa, pb] = [versionParts(a), versionParts(b)];
    for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return 0;
}

/** Minor versions between two versions of one major (`1.28.x` to `1.30.y` is 2); Infinity across majors. */
export function minorDistance(a: string, b: string): number {
    const [pa, pb] = [versionParts(a), versionParts(b)];
    return pa[0] === pb[0] ? Math.abs(pa[1] - pb[1]) : Infinity;
}

export function newestVersion(versions: readonly string[]): string | undefined {
    return [...versions].sort(compareVersions).pop();
}

/** The tags each revision's istiod chart renders (its `revisionTags` value). */
export function tagsOf(revision: string, tags: Readonly<Record<string, string>>): string[] {
    return Object.entries(tags).filter(([, target]) => target === revision).map(([tag]) => tag).sort();
}

/**
 * The revision the base chart's `defaultRevision` (the validating webhook for
 * Istio objects) points at: the one tagged `default`, else the first listed.
 */
export function defaultRevisionOf(revisions: readonly ControlPlaneRevision[], tags: Readonly<Record<string, string>>): string | undefined {
    return tags[DEFAULT_TAG] ?? revisions[0]?.name;
}

/** What a namespace or gateway's `istio.io/rev` may name: a revision or a tag. */
export function revisionTargets(revisions: readonly ControlPlaneRevision[], tags: Readonly<Record<string, string>>): string[] {
    return [...revisions.map((r) => r.name), ...Object.keys(tags)];
}

/** A problem with revisions, at a path relative to the Istio settings (`revisions.0.name`). */
export interface RevisionProblem {
    path: (string | number)[];
    message: string;
}

export interface RevisionPlan {
    /** Chart version of base (the CRDs), and of istiod when there are no revisions. */
    version: string;
    /** The single revision of an install without `revisions`. */
    revision?: string;
    revisions: readonly ControlPlaneRevision[];
    tags: Readonly<Record<string, string>>;
    /** The ingress gateway, when there is one, with its revision or tag. */
    gateway?: { revision?: string };
    /** The egress gateway, when there is one: the same rules as the ingress gateway's. */
    egressGateway?: { revision?: string };
}

const GATEWAYS = ["gateway", "egressGateway"] as const;

// Istio supports a canary upgrade across at most two minor versions.
export const MAX_CANARY_MINORS = 2;

/**
 * What breaks a mesh in a set of revisions, tags and versions, whatever was
 * deployed before: every tag and the gateway name a revision that exists, the
 * CRDs are at least as new as every istiod, and the revisions side by side
 * span no more than Istio's canary skew.
 */
export function revisionProblems(plan: RevisionPlan): RevisionProblem[] {
    const problems: RevisionProblem[] = [];
    const { revisions, tags } = plan;
    if (revisions.length === 0) {
        if (Object.keys(tags).length > 0) {
            problems.push({ path: ["revisionTags"], message: "revision tags need revisions to point at: declare them in revisions" });
        }
        for (const key of GATEWAYS) {
            const gatewayRevision = plan[key]?.revision;
            if (gatewayRevision !== undefined && gatewayRevision !== plan.revision) {
                problems.push({ path: [key, "revision"], message: `${gatewayRevision} is not the revision of this mesh (${plan.revision ?? "none"}); list control planes in revisions to run several` });
            }
        }
        return problems;
    }
    if (plan.revision !== undefined) {
        problems.push({ path: ["revision"], message: "revision and revisions exclude each other: list every control plane in revisions" });
    }
    const names = new Set<string>();
    revisions.forEach((r, i) => {
        if (names.has(r.name)) problems.push({ path: ["revisions", i, "name"], message: `revision ${r.name} is listed twice` });
        if (r.name === DEFAULT_TAG) {
            problems.push({ path: ["revisions", i, "name"], message: `a revision may not be called ${DEFAULT_TAG}: point the ${DEFAULT_TAG} revision tag at it instead, so only one control plane claims it` });
        }
        names.add(r.name);
        if (compareVersions(r.version, plan.version) > 0) {
            problems.push({
                path: ["version"],
                message: `the CRDs (base chart ${plan.version}) are older than revision ${r.name} (${r.version}): set version to at least ${r.version}, which upgrades the CRDs before that istiod; never lower it again while a revision runs`,
            });
        }
    });
    for (const [tag, target] of Object.entries(tags)) {
        if (names.has(tag)) problems.push({ path: ["revisionTags", tag], message: `${tag} is both a revision and a tag; give the tag another name` });
        if (!names.has(target)) {
            problems.push({ path: ["revisionTags", tag], message: `tag ${tag} points at ${target}, which is not in revisions (${[...names].join(", ")})` });
        }
    }
    const versions = [plan.version, ...revisions.map((r) => r.version)];
    const oldest = [...versions].sort(compareVersions)[0];
    const newest = newestVersion(versions)!;
    if (minorDistance(oldest, newest) > MAX_CANARY_MINORS) {
        problems.push({
            path: ["revisions"],
            message: `versions ${oldest} and ${newest} are more than ${MAX_CANARY_MINORS} minor versions apart, more than Istio supports side by side; upgrade in steps`,
        });
    }
    for (const key of GATEWAYS) {
        const gatewayRevision = plan[key]?.revision;
        if (gatewayRevision !== undefined && !revisionTargets(revisions, tags).includes(gatewayRevision)) {
            problems.push({ path: [key, "revision"], message: unknownTarget(gatewayRevision, revisions, tags) });
        }
        if (plan[key] && gatewayRevision === undefined && tags[DEFAULT_TAG] === undefined) {
            problems.push({ path: [key, "revision"], message: `with revisions, the gateway needs a revision or tag (or a ${DEFAULT_TAG} tag) to inject its proxy` });
        }
    }
    return problems;
}

/** Why a namespace's or gateway's revision cannot work: it names no revision or tag. */
export function unknownTarget(target: string, revisions: readonly ControlPlaneRevision[], tags: Readonly<Record<string, string>>): string {
    return `${target} is neither a revision nor a tag of this mesh (known: ${revisionTargets(revisions, tags).join(", ") || "none"}); ` +
        "move namespaces and the gateway off a revision before removing it";
}

/** The revision a revision or tag stands for. */
export function resolveRevision(target: string, tags: Readonly<Record<string, string>>): string {
    return tags[target] ?? target;
}

/**
 * The gateway chart version of a gateway on `revision` (a revision or tag): its
 * revision's, so it moves to a new version with its own step; `version` (the
 * mesh's) when it names none or there are no revisions.
 */
export function gatewayChartVersion(version: string, revision: string | undefined,
    revisions: readonly ControlPlaneRevision[], tags: Readonly<Record<string, string>>): string {
    const target = revision === undefined ? undefined : revisions.find((r) => r.name === resolveRevision(revision, tags));
    return target ? target.version : version;
}
