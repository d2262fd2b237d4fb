import * as pulumi from "@pulumi/pulumi";
import { componentArgs, inComponent } from "../common/parse-args";
import { registerObject } from "../security/istio-object";
import { gatewayCertificates, GatewayCertificateArgs } from "./certificate";
import { gateway, GatewayArgs } from "./gateway";
import { workloadSidecar, WorkloadSidecarArgs } from "./workload-sidecar";

/** A Gateway and, optionally, cert-manager Certificates for its TLS servers. */
export interface MeshGatewayArgs extends GatewayArgs {
    /**
     * cert-manager Certificates for the gateway's TLS servers.
     * @default none (no Certificates: the Secrets named in `credentialName` must exist)
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    certificate?: GatewayCertificateArgs;
}

export interface MeshIngressArgs {
    /** Gateways by name. */
    gateways: Record<string, MeshGatewayArgs>;
    /**
     * Sidecars with ingress listeners, by name: workloads that take traffic from outside the mesh
     * themselves, TLS terminated by their proxy (IstioMesh's `sidecarIngressTls` turns that on).
     * @default none
     * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioIngressListener
     */
    sidecars?: Record<string, WorkloadSidecarArgs>;
}

const TYPE = "istio-mesh:ingress:MeshIngress";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshIngressArgs, true> = { gateways: true, sidecars: true };

/**
 * Traffic entering the mesh: Gateways on the installed ingress gateway, and
 * their certificates; Sidecars through which a workload takes it directly. Services bind their VirtualService to a Gateway with
 * `gateways`. Depend it on the control plane (and cert-manager when it
 * issues certificates).
 */
export class MeshIngress extends pulumi.ComponentResource {
    constructor(name: string, args: MeshIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        const child = { parent: this, dependsOn: opts?.dependsOn };
        // Build everything before registering anything, so bad input registers nothing.
        const objects = inComponent(subject, () => [...Object.entries(args.gateways).flatMap(([gw, { certificate, ...g }]) => {
            const object = gateway(gw, g);
            const certificates = certificate ? gatewayCertificates(gw, g.namespace, g.servers, certificate) : [];
            return [
                [`${name}-${g.namespace}-${gw}`, object] as const,
                ...certificates.map((c) => [`${name}-${g.namespace}-${c.metadata.name}-certificate`, c] as const),
            ];
        }), ...Object.entries(args.sidecars ?? {}).map(([sc, s]) => [`${name}-${s.namespace}-${sc}-sidecar`, workloadSidecar(sc, s)] as const)]);
        for (const [resourceName, object] of objects) registerObject(resourceName, object, child);
        this.registerOutputs({});
    }
}
