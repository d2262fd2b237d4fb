import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gatewayNamespaces, meshServiceArgs } from "./args";
import { buildTraffic } from "./build";
import { MESH_SERVICE_TYPE, parseFor } from "./errors";
import { withResolvedDestinations } from "./destination-hosts";
import { resolveHost } from "./hosts";
import type { MeshServiceArgs } from "./service-settings";

export const NETWORKING_API_VERSION = "networking.istio.io/v1";

/** Rules stay in their own namespace unless `exportTo` says otherwise. */
export const DEFAULT_EXPORT_TO = ["."];

export type { MeshServiceArgs } from "./service-settings";

/**
 * The traffic rules of one host: exactly one DestinationRule (subsets, load
 * balancer, circuit breaker, TLS) and one VirtualService (routes, canary
 * split, faults, mirroring, retries, timeout, TCP routes), both named after
 * the service, in its namespace. The
 * VirtualService depends on the DestinationRule, so a new subset exists
 * before any route points at it.
 */
export class MeshService extends pulumi.ComponentResource {
    /** The host both objects are for: an FQDN for a Kubernetes service, an external host as written. */
    readonly host: string;
    /** URN of the DestinationRule (a URN, not the object: custom resources cannot cross into other languages). */
    readonly destinationRuleUrn: pulumi.Output<string>;
    /** URN of the VirtualService, for the same reason. */
    readonly virtualServiceUrn: pulumi.Output<string>;

    constructor(name: string, args: MeshServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MESH_SERVICE_TYPE, name, {}, opts);
        const { name: objectName, namespace, host, meshNamespaces, ...traffic } = parseFor(name, meshServiceArgs, args);
        // The Pulumi names below stay derived from the component name, so URNs do not move when `name` is set.
        const kubernetesName = objectName ?? name;
        // The schema has checked the host, so it resolves.
        this.host = resolveHost(host ?? kubernetesName, namespace, meshNamespaces)!.host;
        const built = buildTraffic(name, {
            ...withResolvedDestinations(traffic, namespace, meshNamespaces),
            host: this.host,
            // A gateway in another namespace sees the rules only when they are exported to it.
            exportTo: traffic.exportTo ?? [...DEFAULT_EXPORT_TO, ...gatewayNamespaces(traffic.gateways ?? [], namespace).filter((ns) => ns !== namespace)],
        });
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
