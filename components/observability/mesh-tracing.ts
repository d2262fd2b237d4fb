import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { meshTelemetry, MeshTracingArgs } from "./tracing";

export type { MeshTracingArgs } from "./tracing";

/**
 * The mesh-wide Telemetry resource that turns tracing on for every workload.
 * Create it after istiod is ready (`dependsOn: mesh.ready`): its CRD and the
 * validating webhook must exist first.
 */
export class MeshTracing extends pulumi.ComponentResource {
    /** URN of the Telemetry resource (a URN, not the object: custom resources cannot cross into other languages). */
    readonly telemetryUrn: pulumi.Output<string>;

    constructor(name: string, args: MeshTracingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:observability:MeshTracing", name, {}, opts);
        const object = meshTelemetry({ name: "mesh-default", ...args });
        // A component's dependsOn does not reach its children by itself.
        const telemetry = new k8s.apiextensions.CustomResource(`${name}-telemetry`, object, { parent: this, dependsOn: opts?.dependsOn });
        this.telemetryUrn = telemetry.urn;
        this.registerOutputs({ telemetryUrn: this.telemetryUrn });
    }
}
