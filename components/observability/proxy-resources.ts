import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { quantity } from "../common/validation";

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

export const proxyResourcesSchema = z.strictObject({
    cpu: quantity.optional(),
    memory: quantity.optional(),
    cpuLimit: quantity.optional(),
    memoryLimit: quantity.optional(),
});

export type ProxyResources = z.infer<typeof proxyResourcesSchema>;

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
