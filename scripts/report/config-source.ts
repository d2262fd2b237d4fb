import { isMap, isScalar, LineCounter, parseDocument, YAMLMap } from "yaml";
import { CONFIG_NAMESPACE } from "../../stacks/errors";
import type { Registered } from "../mock-program";

/**
 * Where in a stack file a resource comes from, so a pull request's annotation
 * lands on the config line to change. The program (index.ts) gives each
 * top-level component a fixed config section, and a keyed one (a service, a
 * namespace) its key; some children (the `observability-kiali` chart)
 * have a config section of their own.
 */

// index.ts's top-level components and the config section each is built from.
const SECTIONS: Record<string, { key: string[]; keyed?: boolean; keyedByChild?: boolean; children?: Record<string, string[]> }> = {
    "istio-mesh:mesh:IstioMesh": {
        key: ["istio"],
        children: { istiod: ["istio", "istiod"], gateway: ["istio", "gateway"], ca: ["security", "ca"] },
    },
    "istio-mesh:mesh:MeshNamespace": { key: ["namespaces"], keyed: true },
    // Every service's objects under one component, each named `<service>-<kind>`.
    "istio-mesh:traffic:MeshServices": { key: ["services"], keyedByChild: true },
    "istio-mesh:egress:MeshEgress": { key: ["egress"] },
    "istio-mesh:ingress:MeshIngress": { key: ["ingress", "gateways"] },
    "istio-mesh:security:MeshMtls": { key: ["security", "mtls"] },
    "istio-mesh:security:MeshAuthorization": { key: ["security", "authorization"] },
    "istio-mesh:observability:ObservabilityAddons": {
        key: ["observability"],
        children: { prometheus: ["observability", "prometheus"], jaeger: ["observability", "jaeger"], kiali: ["observability", "kiali"] },
    },
    "istio-mesh:observability:MeshTracing": { key: ["observability", "tracing"] },
    "istio-mesh:demo:DemoWorkloads": { key: ["demo"] },
};

/** A config key and its line in the stack file; `line` is where the value is set, or the profile line when the preset set it. */
export interface ConfigSource {
    /** `istio-mesh:observability.kiali` */
    key: string;
    line?: number;
    /** True when the stack file does not set the key itself and the line is that of `istio-mesh:profile`. */
    fromProfile?: boolean;
}

/** The config path (under `istio-mesh:`) a resource was built from; undefined when none is known. */
export function configPathOf(urn: string, resources: readonly Registered[]): string[] | undefined {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const chain: Registered[] = [];
    for (let r = byUrn.get(urn); r; r = byUrn.get(r.parent)) chain.unshift(r);
    const top = chain[0];
    const section = top && SECTIONS[top.type];
    if (!section) return undefined;
    const child = chain[1]?.name;
    if (section.keyedByChild) return child ? [...section.key, child.slice(0, child.lastIndexOf("-"))] : section.key;
    const own = child?.startsWith(`${top.name}-`) ? section.children?.[child.slice(top.name.length + 1)] : undefined;
    return own ?? (section.keyed ? [...section.key, top.name] : section.key);
}

/** Reads a stack file's text once; `locate` then answers for any config path. */
export function stackFileLocator(text: string): (configPath: string[]) => ConfigSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const config = doc.get("config", true);
    const lineOfKey = (map: unknown, key: string): { line: number; value: unknown } | undefined => {
        if (!isMap(map)) return undefined;
        const pair = (map as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
        const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
        return pair && offset !== undefined ? { line: lines.linePos(offset).line, value: pair.value } : undefined;
    };
    return (configPath) => {
        const [section, ...rest] = configPath;
        const key = `${CONFIG_NAMESPACE}:${configPath.join(".")}`;
        let found = lineOfKey(config, `${CONFIG_NAMESPACE}:${section}`);
        if (!found) {
            const profile = lineOfKey(config, `${CONFIG_NAMESPACE}:profile`);
            return profile ? { key, line: profile.line, fromProfile: true } : { key };
        }
        // The deepest key the file sets: a preset may fill the rest.
        for (const part of rest) {
            const deeper = lineOfKey(found.value, part);
            if (!deeper) break;
            found = deeper;
        }
        return { key, line: found.line };
    };
}
