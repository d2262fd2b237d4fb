import * as pulumi from "@pulumi/pulumi";
import { compareVersions, minorDistance } from "../components/mesh/revisions";
import type { Environment } from "./schema";

/**
 * Rules about a change of version, which need what the stack deployed last:
 * its own outputs, read back through a StackReference to itself before any
 * resource is registered. Nothing deployed yet (or outputs from before these
 * rules) means nothing to compare.
 */

export interface Deployed {
    /** `istioVersion`: the base chart's (CRDs') version. */
    istioVersion?: string;
    /** `revisions`: the revisions side by side; none for an unrevisioned or single-revision install. */
    revisions?: string[];
    /** `urnLayout`: the program's resource layout (URN_LAYOUT) at that update; none before layout 2. */
    urnLayout?: number;
}

/**
 * The program's resource layout, written as the `urnLayout` output. 2: every service's DestinationRule
 * and VirtualService under one MeshServices component (1: under a MeshService component each).
 */
export const URN_LAYOUT = 2;

/**
 * Whether the objects must answer to their layout-1 URNs (under MeshService): only for a stack this
 * program updated before layout 2. A URN alias costs the SDK an Output chain per resource (a tenth of a
 * 2,000-service stack's promises), which a new stack, or one already moved, has no use for.
 */
export function needsFormerUrns(deployed: Deployed): boolean {
    return deployed.istioVersion !== undefined && (deployed.urnLayout ?? 1) < URN_LAYOUT;
}

// Istio supports in-place upgrades across one minor version.
export const MAX_IN_PLACE_MINORS = 1;

export function versionChangeProblems(deployed: Deployed, env: Pick<Environment, "istio">): Array<{ path: PropertyKey[]; message: string }> {
    const before = deployed.istioVersion;
    const now = env.istio.version;
    if (!before || !/^\d+\.\d+\.\d+$/.test(before)) return [];
    if (compareVersions(now, before) < 0) {
        return [{
            path: ["istio", "version"],
            message: `${now} is older than the CRDs deployed (${before}): a CRD downgrade can drop fields and versions the objects in the cluster use; ` +
                `keep ${before} (roll back by removing the newer revision, not the CRDs)`,
        }];
    }
    const inPlace = (deployed.revisions ?? []).length === 0 && env.istio.revisions.length === 0;
    const minors = minorDistance(before, now);
    if (inPlace && minors > MAX_IN_PLACE_MINORS) {
        return [{
            path: ["istio", "version"],
            message: `upgrading in place from ${before} to ${now} skips ${minors - 1} minor version(s); Istio supports one minor version in place: ` +
                "go one minor version at a time, or canary with istio.revisions (docs/upgrades.md)",
        }];
    }
    return [];
}

/** The outputs of this stack's last update. */
export async function deployedVersions(): Promise<Deployed> {
    const self = new pulumi.StackReference("self", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
    const [version, revisions, layout] = await Promise.all(["istioVersion", "revisions", "urnLayout"].map((name) => self.getOutputDetails(name)));
    return {
        istioVersion: typeof version.value === "string" ? version.value : undefined,
        revisions: Array.isArray(revisions.value) ? revisions.value.filter((r): r is string => typeof r === "string") : undefined,
        urnLayout: typeof layout.value === "number" ? layout.value : undefined,
    };
}
