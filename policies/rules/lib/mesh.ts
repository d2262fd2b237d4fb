import { readYaml } from "./yaml";
import { ConfigMap, Deployment, HelmChart as HelmChartKind, HelmRelease, isKind, MutatingWebhookConfiguration, Namespace, NamespacePatch, ofKind } from "./kinds";
import { asList, isObj, labelsOf, Obj, objectName, ResourceLike } from "./objects";

/**
 * Stack-wide views of the mesh, read from either form a stack can take: the
 * Helm chart resources with their values (in-process, under mocks) or the
 * objects the engine renders from them (Deployments, ConfigMaps, webhooks).
 */

export const INJECTION_LABEL = "istio-injection";
export const REVISION_LABEL = "istio.io/rev";

export interface HelmChart {
    resource: ResourceLike;
    /** The chart's own name: `istiod` for `oci://registry.istio.io/release/charts/istiod` too. */
    chart: string;
    version?: string;
    values: Obj;
    namespace?: string;
}

export function helmCharts(resources: ResourceLike[]): HelmChart[] {
    return ofKind(resources, HelmChartKind, HelmRelease)
        .map((r) => ({
            resource: r,
            chart: String(r.props.chart ?? "").split("/").pop() ?? "",
            version: typeof r.props.version === "string" ? r.props.version : undefined,
            values: isObj(r.props.values) ? r.props.values : {},
            namespace: r.props.namespace,
        }));
}

/** Where a chart comes from: its repository and chart reference. */
function chartSource(c: HelmChart): string {
    const p = c.resource.props;
    return `${p.repositoryOpts?.repo ?? p.fetchOpts?.repo ?? ""} ${p.chart ?? ""}`;
}

export const ISTIO_CHARTS = ["base", "istiod", "gateway", "cni", "ztunnel"];

export function istioCharts(resources: ResourceLike[]): HelmChart[] {
    return helmCharts(resources).filter((c) => ISTIO_CHARTS.includes(c.chart) && /istio/i.test(chartSource(c)));
}

/** Namespaces this stack creates or labels, with their labels. */
export function namespaceLabels(resources: ResourceLike[]): Map<string, { resource: ResourceLike; labels: Record<string, string> }> {
    const out = new Map<string, { resource: ResourceLike; labels: Record<string, string> }>();
    for (const r of ofKind(resources, Namespace, NamespacePatch)) {
        out.set(objectName(r), { resource: r, labels: labelsOf(r.props) });
    }
    return out;
}

export function isInjectedNamespace(labels: Record<string, string>): boolean {
    if (labels[INJECTION_LABEL] === "enabled") return true;
    return Boolean(labels[REVISION_LABEL]) && labels[INJECTION_LABEL] !== "disabled";
}

export function injectedNamespaces(resources: ResourceLike[]): string[] {
    return [...namespaceLabels(resources)].filter(([, ns]) => isInjectedNamespace(ns.labels)).map(([name]) => name);
}

/**
 * Revisions (and revision tags) of the control planes the stack installs: the
 * ones some injection webhook selects with `istio.io/rev`. In 1.30.3 the
 * `default` selectors exist only for an unrevisioned istiod or a `default`
 * revision tag (istiod's `revisionTags`, or `istioctl tag set default`); the
 * base chart's `defaultRevision` points only the validating webhook.
 */
export function installedRevisions(resources: ResourceLike[]): Set<string> {
    const revisions = new Set<string>();
    for (const c of istioCharts(resources)) {
        if (c.chart !== "istiod") continue;
        revisions.add(typeof c.values.revision === "string" && c.values.revision ? c.values.revision : "default");
        for (const tag of asList(c.values.revisionTags)) if (typeof tag === "string") revisions.add(tag);
    }
    for (const r of ofKind(resources, Deployment, MutatingWebhookConfiguration)) {
        const labels = labelsOf(r.props);
        if (isKind(r.type, Deployment) && labels.app === "istiod") revisions.add(labels[REVISION_LABEL] || "default");
        if (isKind(r.type, MutatingWebhookConfiguration) && labels["istio.io/tag"]) revisions.add(labels["istio.io/tag"]);
    }
    return revisions;
}

/** Every meshConfig the stack sets: istiod chart values and rendered `istio[-<rev>]` ConfigMaps. */
export function meshConfigs(resources: ResourceLike[]): Obj[] {
    const configs: Obj[] = [];
    for (const c of istioCharts(resources)) {
        if (c.chart === "istiod") configs.push(isObj(c.values.meshConfig) ? c.values.meshConfig : {});
    }
    for (const r of ofKind(resources, ConfigMap)) {
        const mesh = r.props.data?.mesh;
        if (/^istio(-.+)?$/.test(objectName(r)) && typeof mesh === "string") {
            const parsed = readYaml(mesh);
            configs.push(isObj(parsed) ? parsed : {});
        }
    }
    return configs;
}

/** Version of each istiod the stack installs, by revision (`default` for an unrevisioned one): charts and rendered Deployments. */
export function istiodVersions(resources: ResourceLike[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const c of istioCharts(resources)) {
        if (c.chart === "istiod" && c.version) out.set(typeof c.values.revision === "string" && c.values.revision ? c.values.revision : "default", c.version);
    }
    for (const r of ofKind(resources, Deployment)) {
        const labels = labelsOf(r.props);
        const m = /^istiod-(.+)$/.exec(labels["helm.sh/chart"] ?? "");
        if (labels.app === "istiod" && m) out.set(labels[REVISION_LABEL] || "default", m[1]);
    }
    return out;
}

/** The versions of a canary upgrade: those of revisioned istiods, when there are two revisions or more. */
export function canaryVersions(resources: ResourceLike[]): Set<string> {
    const revisioned = [...istiodVersions(resources)].filter(([revision]) => revision !== "default");
    return revisioned.length >= 2 ? new Set(revisioned.map(([, v]) => v)) : new Set();
}

/** Versions of the Istio CRDs the stack installs: base charts and rendered CRDs (`helm.sh/chart: base-<version>`). */
export function crdVersions(resources: ResourceLike[]): Map<string, ResourceLike> {
    const out = new Map<string, ResourceLike>();
    for (const c of istioCharts(resources)) if (c.chart === "base" && c.version) out.set(c.version, c.resource);
    for (const r of resources) {
        const m = /^base-(.+)$/.exec(labelsOf(r.props)["helm.sh/chart"] ?? "");
        if (m && r.type.endsWith(":CustomResourceDefinition") && !out.has(m[1])) out.set(m[1], r);
    }
    return out;
}
