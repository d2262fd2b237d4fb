import type { Environment } from "../stacks/schema";

/**
 * What the end-to-end run changes in a stack file's config, and why: only what
 * the local control plane cannot do otherwise (CONTRIBUTING.md, End-to-end tests, lists each).
 */

export const LOCAL_CONTEXT = "istio-mesh-local";

export interface Override {
    /** A `pulumi config set --path` key. */
    key: string;
    value: string;
    why: string;
}

export function e2eOverrides(env: Environment, chartMirror: string): Override[] {
    const overrides: Override[] = [
        { key: "istio-mesh:charts.mirror", value: chartMirror, why: "charts from the offline mirror, not the public repositories" },
        { key: "istio-mesh:kubernetes.context", value: LOCAL_CONTEXT, why: "the local control plane's kubeconfig context" },
    ];
    // Pulumi waits for a LoadBalancer's address, which no cloud will ever give here.
    if (env.istio.gateway.enabled && env.istio.gateway.serviceType === "LoadBalancer") {
        overrides.push({ key: "istio-mesh:istio.gateway.serviceType", value: "NodePort", why: "no load balancer without a cloud" });
    }
    return overrides;
}
