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
    const [version, revisions] = await Promise.all([self.getOutputDetails("istioVersion"), self.getOutputDetails("revisions")]);
    return {
        istioVersion: typeof version.value === "string" ? version.value : undefined,
        revisions: Array.isArray(revisions.value) ? revisions.value.filter((r): r is string => typeof r === "string") : undefined,
    };
}
