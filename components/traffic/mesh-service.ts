import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { meshServiceArgs } from "./args";
import { buildTraffic } from "./build";
import { parseFor } from "./errors";
import { serviceFqdn } from "./hosts";
import type { MeshServiceArgs } from "./service-settings";

export const NETWORKING_API_VERSION = "networking.istio.io/v1";

/** Rules stay in their own namespace unless `exportTo` says otherwise. */
export const DEFAULT_EXPORT_TO = ["."];

export type { MeshServiceArgs } from "./service-settings";

/**
 * The traffic rules of one host: exactly one DestinationRule (subsets, circuit
 * breaker) and one VirtualService (header routes, canary split, mirroring,
 * retries, timeout), both named after the service, in its namespace. The
 * VirtualService depends on the DestinationRule, so a new subset exists
 * before any route points at it.
 */
export class MeshService extends pulumi.ComponentResource {
    /** The host both objects are for, as an FQDN. */
    readonly host: string;
    /** URNs of the two objects (URNs, not the objects: custom resources cannot cross into other languages). */
    readonly destinationRuleUrn: pulumi.Output<string>;
    readonly virtualServiceUrn: pulumi.Output<string>;

    constructor(name: string, args: MeshServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:traffic:MeshService", name, {}, opts);
        const { name: objectName, namespace, host, ...traffic } = parseFor(name, meshServiceArgs, args);
        // The Pulumi names below stay derived from the component name, so URNs do not move when `name` is set.
        const kubernetesName = objectName ?? name;
        this.host = serviceFqdn(host ?? kubernetesName, namespace);
        const built = buildTraffic(name, { ...traffic, host: this.host, exportTo: traffic.exportTo ?? DEFAULT_EXPORT_TO });
        for (const warning of built.warnings) pulumi.log.warn(warning, this);

        const metadata = { name: kubernetesName, namespace };
        // Children do not inherit dependsOn: the DestinationRule waits for what the
        // component waits for (istiod), and the VirtualService for the DestinationRule.
        const destinationRule = new k8s.apiextensions.CustomResource(`${name}-destinationrule`, {
            apiVersion: NETWORKING_API_VERSION,
            kind: "DestinationRule",
            metadata,
            spec: built.destinationRule,
        }, { parent: this, dependsOn: opts?.dependsOn });
        const virtualService = new k8s.apiextensions.CustomResource(`${name}-virtualservice`, {
            apiVersion: NETWORKING_API_VERSION,
            kind: "VirtualService",
            metadata,
            spec: built.virtualService,
        }, { parent: this, dependsOn: [destinationRule] });
        this.destinationRuleUrn = destinationRule.urn;
        this.virtualServiceUrn = virtualService.urn;
        this.registerOutputs({ host: this.host, destinationRuleUrn: this.destinationRuleUrn, virtualServiceUrn: this.virtualServiceUrn });
    }
}
