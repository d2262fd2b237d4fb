import * as pulumi from "@pulumi/pulumi";
import { componentArgs, inComponent } from "../common/parse-args";
import { gateway, GatewayArgs } from "../ingress/gateway";
import { registerObject } from "../security/istio-object";
import { serviceEntry, ServiceEntryArgs } from "./service-entry";
import { namespaceSidecar, NamespaceSidecarArgs, SIDECAR_NAME } from "./sidecar";

export interface MeshEgressArgs {
    /**
     * ServiceEntries by name: the external hosts the mesh may call.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/
     */
    serviceEntries?: Record<string, ServiceEntryArgs>;
    /**
     * Namespace -> its Sidecar: the hosts its proxies know.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
     */
    sidecars?: Record<string, NamespaceSidecarArgs>;
    /**
     * Gateways on an egress gateway (selector `{istio: egressgateway}`), by name: the exits routes send external hosts through.
     * @default none
     * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
     */
    gateways?: Record<string, GatewayArgs>;
}

const TYPE = "istio-mesh:egress:MeshEgress";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshEgressArgs, true> = { serviceEntries: true, sidecars: true, gateways: true };

/**
 * Traffic leaving the mesh: the ServiceEntries of external hosts, each
 * namespace's Sidecar, and the Gateways of an egress gateway. Depend it on the control plane and the namespaces.
 */
export class MeshEgress extends pulumi.ComponentResource {
    constructor(name: string, args: MeshEgressArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        // Build everything before registering anything, so bad input registers nothing.
        const objects = inComponent(subject, () => [
            ...Object.entries(args.serviceEntries ?? {}).map(([entry, e]) => [`${name}-${e.namespace}-${entry}`, serviceEntry(entry, e)] as const),
            ...Object.entries(args.sidecars ?? {}).map(([ns, s]) => [`${name}-${ns}-${SIDECAR_NAME}-sidecar`, namespaceSidecar(ns, s)] as const),
            ...Object.entries(args.gateways ?? {}).map(([gw, g]) => [`${name}-${g.namespace}-${gw}-gateway`, gateway(gw, g)] as const),
        ]);
        for (const [resourceName, object] of objects) registerObject(resourceName, object, child);
        this.registerOutputs({});
    }
}
