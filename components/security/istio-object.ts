import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * An Istio (or other custom) object as the pure builders return it: plain data,
 * ready to register. The namespace may be an Output of a Namespace's name, so
 * that the object waits for the Namespace.
 */
export interface IstioObject<Namespace = string> {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: Namespace };
    spec: Record<string, unknown>;
}

/** Registers a built object as a CustomResource under the given Pulumi name. */
export function registerObject(name: string, object: IstioObject<pulumi.Input<string>>, opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(name, {
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: object.metadata,
        spec: object.spec,
    }, opts);
}
