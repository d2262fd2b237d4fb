import { z } from "zod";
import { dnsLabel } from "../components/common/validation";
import { gatewayCertificateSchema } from "../components/ingress/certificate";
import { gatewaySchema } from "../components/ingress/gateway";
import type { MeshGatewayArgs } from "../components/ingress/mesh-ingress";
import { workloadSidecarSchema } from "../components/ingress/workload-sidecar";
import type { Environment } from "./schema";

/**
 * `istio-mesh:ingress`: Gateways on the ingress gateway this stack installs.
 * A Gateway's namespace and selector default to that gateway's, so most
 * entries only list their servers.
 */
export const ingressSchema = z.strictObject({
    gateways: z.record(dnsLabel, gatewaySchema.extend({
        namespace: dnsLabel.optional(),
        selector: gatewaySchema.shape.selector.optional(),
        certificate: gatewayCertificateSchema.optional(),
    })).default({}),
    /** Sidecars with ingress listeners (a workload's own entry, TLS terminated by its proxy), by name. */
    sidecars: z.record(dnsLabel, workloadSidecarSchema).default({}),
});

/** The pod labels the gateway chart gives the installed gateway (`istio: <name without istio->`). */
export function installedGatewaySelector(gatewayName: string): Record<string, string> {
    return { istio: gatewayName.replace(/^istio-/, "") };
}

/**
 * `<namespace>/<name>` of each Gateway served by a gateway this stack installs (no selector of its own)
 * -> the namespace that gateway's pods run in. Istio shows a gateway only the VirtualServices and
 * DestinationRules exported to its pods' namespace, which may not be the Gateway object's.
 */
export function gatewayWorkloadNamespaces(env: Pick<Environment, "istio" | "ingress" | "egress">): Map<string, string> {
    const egressNamespace = env.istio.egressGateway.namespace ?? env.istio.namespace;
    return new Map([
        ...Object.entries(env.ingress.gateways).filter(([, g]) => g.selector === undefined)
            .map(([name, g]) => [`${g.namespace ?? env.istio.gateway.namespace}/${name}`, env.istio.gateway.namespace] as const),
        ...Object.entries(env.egress.gateways).filter(([, g]) => g.selector === undefined)
            .map(([name, g]) => [`${g.namespace ?? egressNamespace}/${name}`, egressNamespace] as const),
    ]);
}

/** The namespaces of the gateway pods that serve the Gateways a service binds to, other than its own. */
export function servingGatewayNamespaces(env: Pick<Environment, "istio" | "ingress" | "egress">,
    service: { namespace: string; gateways?: string[] }): string[] {
    const workloads = gatewayWorkloadNamespaces(env);
    return [...new Set((service.gateways ?? []).filter((g) => g !== "mesh")
        .map((g) => workloads.get(g.includes("/") ? g : `${service.namespace}/${g}`))
        .filter((ns): ns is string => ns !== undefined && ns !== service.namespace))];
}

/** Each configured Gateway with its namespace and selector filled in from the installed gateway. */
export function ingressGateways(env: Pick<Environment, "istio" | "ingress">): Record<string, MeshGatewayArgs> {
    return Object.fromEntries(Object.entries(env.ingress.gateways).map(([name, g]) => [name, {
        ...g,
        namespace: g.namespace ?? env.istio.gateway.namespace,
        selector: g.selector ?? installedGatewaySelector(env.istio.gateway.name),
    }]));
}
