import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentArgs } from "../common/parse-args";
import { injectionLabels } from "./injection";

export interface MeshNamespaceArgs {
    /**
     * Kubernetes name of the namespace; defaults to the component name.
     * @default the component name
     * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
     */
    namespace?: pulumi.Input<string>;
    /**
     * true (default): create the namespace. false: it already exists (such as
     * `default`), so only the injection label is patched onto it.
     * @default true
     * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#automatic-sidecar-injection
     */
    create?: boolean;
    /**
     * Control plane revision; labels `istio.io/rev=<revision>` instead of `istio-injection=enabled`.
     * @default none: `istio-injection=enabled`, the default revision
     * @see https://istio.io/latest/docs/setup/upgrade/canary/#data-plane
     */
    revision?: pulumi.Input<string | undefined>;
}

const TYPE = "istio-mesh:mesh:MeshNamespace";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshNamespaceArgs, true> = { create: true, namespace: true, revision: true };

/** A namespace whose pods get Envoy sidecars injected. */
export class MeshNamespace extends pulumi.ComponentResource {
    /** The namespace's Kubernetes name, known once it exists (depend on it to create objects in it). */
    readonly namespace: pulumi.Output<string>;
    /** The injection labels it carries: `istio-injection=enabled`, or `istio.io/rev=<revision>`. */
    readonly labels: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: MeshNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        componentArgs(TYPE, name, args, ARGUMENTS);
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
