import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentArgs, inComponent } from "../common/parse-args";
import { meshTelemetry, MeshTracingArgs } from "./tracing";

export type { MeshTracingArgs } from "./tracing";

const TYPE = "istio-mesh:observability:MeshTracing";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshTracingArgs, true> = { namespace: true, provider: true, randomSamplingPercentage: true };

/**
 * The mesh-wide Telemetry resource that turns tracing on for every workload.
 * Create it after istiod is ready (`dependsOn: mesh.ready`): its CRD and the
 * validating webhook must exist first.
 */
export class MeshTracing extends pulumi.ComponentResource {
    /** URN of the Telemetry resource (a URN, not the object: custom resources cannot cross into other languages). */
    readonly telemetryUrn: pulumi.Output<string>;

    constructor(name: string, args: MeshTracingArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        const object = inComponent(subject, () => meshTelemetry({ name: "mesh-default", ...args }));
        // A component's dependsOn does not reach its children by itself.
        const telemetry = new k8s.apiextensions.CustomResource(`${name}-telemetry`, object, { parent: this, dependsOn: opts?.dependsOn });
        this.telemetryUrn = telemetry.urn;
        this.registerOutputs({ telemetryUrn: this.telemetryUrn });
    }
}
