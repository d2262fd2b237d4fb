import { z } from "zod";
import { dnsLabel } from "../components/common/validation";
import { serviceEntrySchema } from "../components/egress/service-entry";
import { namespaceSidecarSchema, outboundTrafficPolicyMode } from "../components/egress/sidecar";
import { gatewaySchema } from "../components/ingress/gateway";
import type { GatewayArgs } from "../components/ingress/gateway";
import { installedGatewaySelector } from "./ingress";
import type { Environment } from "./schema";

/**
 * `istio-mesh:egress`: what may leave the mesh. The component schemas are
 * reused as they are, so config and component arguments follow one rule.
 */
export const egressSchema = z.strictObject({
    /** meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY refuses hosts that are not in the registry. */
    outboundTrafficPolicy: outboundTrafficPolicyMode,
    serviceEntries: z.record(dnsLabel, serviceEntrySchema).default({}),
    /** Namespace -> its Sidecar (the hosts its proxies know). */
    sidecars: z.record(dnsLabel, namespaceSidecarSchema).default({}),
    /** Gateways on the installed egress gateway (istio-mesh:istio.egressGateway); namespace and selector default to its. */
    gateways: z.record(dnsLabel, gatewaySchema.extend({
        namespace: dnsLabel.optional(),
        selector: gatewaySchema.shape.selector.optional(),
    })).default({}),
});

export type EgressSettings = z.infer<typeof egressSchema>;

/** Each egress Gateway with its namespace and selector filled in from the installed egress gateway. */
export function egressGateways(env: Pick<Environment, "istio" | "egress">): Record<string, GatewayArgs> {
    const installed = env.istio.egressGateway;
    return Object.fromEntries(Object.entries(env.egress.gateways).map(([name, g]) => [name, {
        ...g,
        namespace: g.namespace ?? installed.namespace ?? env.istio.namespace,
        selector: g.selector ?? installedGatewaySelector(installed.name),
    }]));
}
