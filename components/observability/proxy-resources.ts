import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { quantity, schemaOf } from "../common/validation";

/**
 * Per-workload sidecar resources. Istio reads these pod annotations at
 * injection time and they override the mesh-wide `global.proxy.resources`.
 */
export const PROXY_RESOURCE_ANNOTATIONS = {
    cpu: "sidecar.istio.io/proxyCPU",
    memory: "sidecar.istio.io/proxyMemory",
    cpuLimit: "sidecar.istio.io/proxyCPULimit",
    memoryLimit: "sidecar.istio.io/proxyMemoryLimit",
} as const;

/** A sidecar's own resources, as Kubernetes quantities, set per workload with pod annotations. */
export interface ProxyResources {
    /**
     * CPU request (`sidecar.istio.io/proxyCPU`), such as `100m`.
     * @default the mesh's sidecar CPU request (Istio's chart: 100m)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPU
     */
    cpu?: string;
    /**
     * Memory request (`sidecar.istio.io/proxyMemory`), such as `128Mi`.
     * @default the mesh's sidecar memory request (Istio's chart: 128Mi)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyMemory
     */
    memory?: string;
    /**
     * CPU limit (`sidecar.istio.io/proxyCPULimit`).
     * @default the mesh's sidecar CPU limit (Istio's chart: 2000m)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPULimit
     */
    cpuLimit?: string;
    /**
     * Memory limit (`sidecar.istio.io/proxyMemoryLimit`).
     * @default the mesh's sidecar memory limit (Istio's chart: 1024Mi)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyMemoryLimit
     */
    memoryLimit?: string;
}

/** @internal */
export const proxyResourcesSchema = schemaOf<ProxyResources>()(z.strictObject({
    cpu: quantity.optional(),
    memory: quantity.optional(),
    cpuLimit: quantity.optional(),
    memoryLimit: quantity.optional(),
}));

/** `{cpu: "100m", memoryLimit: "256Mi"}` -> the `sidecar.istio.io/proxy*` pod annotations; unset fields are left out. */
export function proxyResourceAnnotations(resources: ProxyResources): Record<string, string> {
    const valid = parseArgs(proxyResourcesSchema, resources, "sidecar proxy resources");
    const annotations: Record<string, string> = {};
    for (const field of Object.keys(PROXY_RESOURCE_ANNOTATIONS) as Array<keyof ProxyResources>) {
        const value = valid[field];
        if (value !== undefined) annotations[PROXY_RESOURCE_ANNOTATIONS[field]] = value;
    }
    return annotations;
}
