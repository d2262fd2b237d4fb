import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { meshTelemetry } from "./tracing";

export interface MeshTracingArgs {
    /** Istio's root namespace (istiod's namespace unless meshConfig.rootNamespace says otherwise). */
    namespace: string;
    /** An extension provider declared in istiod's meshConfig (see tracingMeshConfig). */
    provider: string;
    /** Share of requests traced, 0 to 100. */
    randomSamplingPercentage: number;
}

/**
 * The mesh-wide Telemetry resource that turns tracing on for every workload.
 * Create it after istiod is ready (`dependsOn: mesh.ready`): its CRD and the
 * validating webhook must exist first.
 */
export class MeshTracing extends pulumi.ComponentResource {
    readonly telemetry: k8s.apiextensions.CustomResource;

    constructor(name: string, args: MeshTracingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:observability:MeshTracing", name, {}, opts);
        const object = meshTelemetry({ name: "mesh-default", ...args });
        // A component's dependsOn does not reach its children by itself.
        this.telemetry = new k8s.apiextensions.CustomResource(`${name}-telemetry`, object, { parent: this, dependsOn: opts?.dependsOn });
        this.registerOutputs({});
    }
}
