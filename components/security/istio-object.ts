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
    metadata: { name: string; namespace: Namespace; annotations?: Record<string, string> };
    spec: Record<string, unknown>;
}

/**
 * Namespaces by name, each as an Output of the resource that creates or labels
 * it (MeshNamespace.namespace): an object in one of them takes that Output as
 * its namespace, and so waits for that namespace and no other.
 */
export type ManagedNamespaces = Record<string, pulumi.Input<string>>;

/**
 * Registers a built object as a CustomResource under the given Pulumi name,
 * in its namespace's Output when `namespaces` has one.
 */
export function registerObject(name: string, object: IstioObject<pulumi.Input<string>>, opts: pulumi.CustomResourceOptions,
    namespaces: ManagedNamespaces = {}): k8s.apiextensions.CustomResource {
    const namespace = object.metadata.namespace;
    const managed = typeof namespace === "string" && Object.hasOwn(namespaces, namespace) ? namespaces[namespace] : namespace;
    return new k8s.apiextensions.CustomResource(name, {
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { ...object.metadata, namespace: managed },
        spec: object.spec,
    }, opts);
}

// Each component's objects by namespace, kept off the class: Pulumi's component analyzer (the schema
// other languages get) would read a property as an output.
const OBJECTS = new WeakMap<pulumi.ComponentResource, Map<string, pulumi.Resource[]>>();

/**
 * Registers built objects (registerObject each) and records them under `owner` by the namespace they
 * live in, for `objectsIn`.
 */
export function registerObjects(owner: pulumi.ComponentResource, objects: ReadonlyArray<readonly [string, IstioObject]>,
    opts: pulumi.CustomResourceOptions, namespaces: ManagedNamespaces = {}): void {
    let byNamespace = OBJECTS.get(owner);
    if (!byNamespace) OBJECTS.set(owner, (byNamespace = new Map()));
    for (const [name, object] of objects) {
        const resource = registerObject(name, object, opts, namespaces);
        const list = byNamespace.get(object.metadata.namespace);
        if (list) list.push(resource);
        else byNamespace.set(object.metadata.namespace, [resource]);
    }
}

/** What `owner` registered in a namespace through registerObjects: a workload there waits for these, not for every namespace's. */
export function objectsIn(owner: pulumi.ComponentResource, namespace: string): pulumi.Resource[] {
    return OBJECTS.get(owner)?.get(namespace) ?? [];
}
