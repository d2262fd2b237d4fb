import type { UpgradeExpectation } from "./upgrade-steps";

/**
 * Judging the cluster after one step of the canary upgrade: what kubectl read
 * back against what the step expects. Pure, so a spec shows each verdict.
 */

export interface Webhook {
    metadata: { name: string; labels?: Record<string, string> };
    webhooks?: Array<{ name: string; clientConfig?: { service?: { name?: string } } }>;
}

export interface UpgradeLive {
    /** Deployment names in the control plane namespace whose pods are istiod. */
    istiods: string[];
    webhooks: Webhook[];
    /** Namespace -> labels. */
    namespaces: Record<string, Record<string, string>>;
    /** The gateway Deployment's pod template labels and its own labels. */
    gateway: { podLabels: Record<string, string>; labels: Record<string, string> };
    /** `helm.sh/chart` labels of the Istio CRDs. */
    crdCharts: string[];
}

const TAG_LABEL = "istio.io/tag";

export function upgradeProblems(want: UpgradeExpectation, live: UpgradeLive): string[] {
    const problems: string[] = [];
    const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    if (!same(live.istiods, want.istiods)) problems.push(`istiod Deployments are ${live.istiods.join(", ") || "none"}, expected ${want.istiods.join(", ")}`);

    const tagHooks = live.webhooks.filter((w) => w.metadata.labels?.[TAG_LABEL]);
    const tags = Object.fromEntries(tagHooks.map((w) => [w.metadata.labels![TAG_LABEL], [...new Set((w.webhooks ?? []).map((h) => h.clientConfig?.service?.name))]]));
    if (!same(Object.keys(tags), Object.keys(want.tags))) problems.push(`tag webhooks are for ${Object.keys(tags).join(", ") || "none"}, expected ${Object.keys(want.tags).join(", ")}`);
    for (const [tag, service] of Object.entries(want.tags)) {
        const got = tags[tag];
        if (got && (got.length !== 1 || got[0] !== service)) problems.push(`tag ${tag} calls ${got.join(", ")}, expected ${service}`);
    }
    // One revision webhook per istiod (istio-sidecar-injector-<rev>), none left from a removed revision.
    const injectors = live.webhooks.filter((w) => !w.metadata.labels?.[TAG_LABEL] && w.metadata.name.startsWith("istio-sidecar-injector"));
    const revisions = want.istiods.map((d) => d.replace(/^istiod-?/, ""));
    const expectedInjectors = revisions.map((r) => (r ? `istio-sidecar-injector-${r}` : "istio-sidecar-injector"));
    if (!same(injectors.map((w) => w.metadata.name), expectedInjectors)) {
        problems.push(`injection webhooks are ${injectors.map((w) => w.metadata.name).join(", ") || "none"}, expected ${expectedInjectors.join(", ")}`);
    }

    for (const [name, revision] of Object.entries(want.namespaces)) {
        const labels = live.namespaces[name] ?? {};
        if (labels["istio.io/rev"] !== revision || labels["istio-injection"] !== undefined) {
            problems.push(`namespace ${name} has labels ${JSON.stringify(labels)}, expected istio.io/rev=${revision} alone`);
        }
    }
    if (live.gateway.podLabels["istio.io/rev"] !== want.gateway.revision) {
        problems.push(`gateway pods carry istio.io/rev=${live.gateway.podLabels["istio.io/rev"]}, expected ${want.gateway.revision}`);
    }
    if (live.gateway.labels["helm.sh/chart"] !== `gateway-${want.gateway.version}`) {
        problems.push(`gateway chart is ${live.gateway.labels["helm.sh/chart"]}, expected gateway-${want.gateway.version}`);
    }
    const crdCharts = [...new Set(live.crdCharts)];
    if (crdCharts.length !== 1 || crdCharts[0] !== `base-${want.crdVersion}`) problems.push(`Istio CRDs come from ${crdCharts.join(", ")}, expected base-${want.crdVersion}`);
    return problems;
}

/** Istio objects whose resourceVersion changed or that came or went between two reads. */
export function touchedObjects(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
    const keys = new Set([...before.keys(), ...after.keys()]);
    return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
