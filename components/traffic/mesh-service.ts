import * as pulumi from "@pulumi/pulumi";
import { meshServiceArgs } from "./args";
import { MESH_SERVICE_TYPE, parseFor } from "./errors";
import { serviceRules } from "./service-rules";
import type { MeshServiceArgs } from "./service-settings";

export { DEFAULT_EXPORT_TO, NETWORKING_API_VERSION } from "./service-rules";
export type { MeshServiceArgs } from "./service-settings";

/**
 * The traffic rules of one host: exactly one DestinationRule (subsets, load
 * balancer, circuit breaker, TLS) and one VirtualService (routes, canary
 * split, faults, mirroring, retries, timeout, TCP routes), both named after
 * the service, in its namespace (the DestinationRule in `destinationRule.namespace`
 * when set). The VirtualService depends on the DestinationRule, so a new subset exists
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
        // Children do not inherit dependsOn: the DestinationRule waits for what the component waits for (istiod).
        const rules = serviceRules(name, parseFor(name, meshServiceArgs, args), { parent: this, dependsOn: opts?.dependsOn });
        this.host = rules.host;
        this.destinationRuleUrn = rules.destinationRule.urn;
        this.virtualServiceUrn = rules.virtualService.urn;
        this.registerOutputs({ host: this.host, destinationRuleUrn: this.destinationRuleUrn, virtualServiceUrn: this.virtualServiceUrn });
    }
}
