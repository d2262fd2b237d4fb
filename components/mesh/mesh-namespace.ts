import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { injectionLabels } from "./injection";

export interface MeshNamespaceArgs {
    /** Kubernetes name of the namespace; defaults to the component name. */
    namespace?: pulumi.Input<string>;
    /**
     * true (default): create the namespace. false: it already exists (such as
     * `default`), so only the injection label is patched onto it.
     */
    create?: boolean;
    /** Control plane revision; labels `istio.io/rev=<revision>` instead of `istio-injection=enabled`. */
    revision?: pulumi.Input<string | undefined>;
}

/** A namespace whose pods get Envoy sidecars injected. */
export class MeshNamespace extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly labels: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:mesh:MeshNamespace", name, {}, opts);
        const namespace = args.namespace ?? name;
        const labels = pulumi.output(args.revision).apply(injectionLabels);
        const metadata = { name: namespace, labels };
        if (args.create ?? true) {
            this.namespace = new k8s.core.v1.Namespace(name, { metadata }, { parent: this }).metadata.name;
        } else {
            const patch = new k8s.core.v1.NamespacePatch(
                name,
                // patchForce takes the label over from whoever set it by hand (`kubectl label`).
                { metadata: { ...metadata, annotations: { "pulumi.com/patchForce": "true" } } },
                { parent: this },
            );
            this.namespace = patch.metadata.name;
        }
        this.labels = labels;
        this.registerOutputs({ namespace: this.namespace, labels });
    }
}
