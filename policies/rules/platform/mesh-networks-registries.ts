import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { ConfigMap, Deployment, isHelmChart, isKind, ofKind, Secret } from "../lib/kinds";
import { istioCharts } from "../lib/mesh";
import { readYaml } from "../lib/yaml";
import { asList, describe, isObj, labelsOf, Obj, objectName, ResourceLike } from "../lib/objects";

/** Registries istiod always has (pkg/serviceregistry/provider): the local Kubernetes one by its default name, and the external and mock ones. */
const BUILT_IN = ["Kubernetes", "External", "Mock"];

/** meshNetworks wherever the stack sets it: istiod chart values (global.meshNetworks) and rendered `istio[-<rev>]` ConfigMaps. */
function meshNetworks(resources: ResourceLike[]): { resource: ResourceLike; networks: Obj }[] {
    const out: { resource: ResourceLike; networks: Obj }[] = [];
    for (const c of istioCharts(resources)) {
        const networks = c.values.global?.meshNetworks;
        if (c.chart === "istiod" && isObj(networks)) out.push({ resource: c.resource, networks });
    }
    for (const r of ofKind(resources, ConfigMap)) {
        const text = r.props.data?.meshNetworks;
        const parsed = /^istio(-.+)?$/.test(objectName(r)) && typeof text === "string" ? readYaml(text) : undefined;
        if (isObj(parsed) && isObj(parsed.networks)) out.push({ resource: r, networks: parsed.networks });
    }
    return out;
}

/** The cluster IDs istiod knows: its own (global.multiCluster.clusterName, or CLUSTER_ID) and each remote cluster's Secret's keys. */
function clusterIds(resources: ResourceLike[]): string[] {
    const ids: string[] = [];
    for (const c of istioCharts(resources)) {
        const name = c.values.global?.multiCluster?.clusterName;
        if (c.chart === "istiod" && typeof name === "string" && name) ids.push(name);
    }
    for (const r of resources) {
        if (isKind(r.type, Deployment) && labelsOf(r.props).app === "istiod") {
            for (const container of asList(r.props.spec?.template?.spec?.containers)) {
                const env = asList(container?.env).find((e) => e?.name === "CLUSTER_ID");
                if (typeof env?.value === "string") ids.push(env.value);
            }
        }
        if (isKind(r.type, Secret) && labelsOf(r.props)["istio/multiCluster"] === "true") {
            ids.push(...Object.keys({ ...r.props.data, ...r.props.stringData }));
        }
    }
    return ids;
}

export const meshNetworksRegistries: MeshStackPolicy = {
    name: "platform-mesh-networks-registries",
    description: "Each meshNetworks endpoint's fromRegistry names a registry istiod knows: a cluster ID (its own or a remote cluster's Secret) or a built-in registry (istioctl IST0126).",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["traffic", "availability"],
        why: "the network gets no endpoints",
        messages: [MESSAGES.MeshNetworksUnknownRegistry],
        istio: ["IST0126"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0126/",
    },
    validateStack: (args, reportViolation) => {
        const sources = meshNetworks(args.resources);
        if (sources.length === 0) return;
        const known = [...new Set([...BUILT_IN, ...clusterIds(args.resources)])];
        for (const { resource, networks } of sources) {
            for (const [network, spec] of Object.entries(networks)) {
                for (const endpoint of asList(isObj(spec) ? spec.endpoints : undefined)) {
                    const registry = endpoint?.fromRegistry;
                    if (typeof registry !== "string" || known.includes(registry)) continue;
                    const subject = isHelmChart(resource.type) ? `Istio chart istiod (${resource.name})` : describe(resource);
                    report(reportViolation, MESSAGES.MeshNetworksUnknownRegistry, { subject, network, registry, known: known.join(", ") }, resource.urn);
                }
            }
        }
    },
};
