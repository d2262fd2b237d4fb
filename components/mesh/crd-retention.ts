import * as pulumi from "@pulumi/pulumi";

export const CRD_TYPE = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/**
 * Deleting an Istio CRD deletes every object of that kind in the cluster: all
 * VirtualServices, DestinationRules, policies. Pulumi deletes a chart's objects
 * on `pulumi destroy`, and also when the chart resource is renamed, re-parented
 * or swapped for another Helm resource type (old URN deleted after the new one
 * is created). Marking the CRDs `retainOnDelete` makes all of those leave them
 * in the cluster; only `allowDeletion` (config `istio.allowCrdDeletion`) lets
 * them go.
 */
export function crdRetention(allowDeletion: boolean): pulumi.ResourceTransform {
    return (args) => {
        if (args.type !== CRD_TYPE) return undefined;
        return { props: args.props, opts: pulumi.mergeOptions(args.opts, { retainOnDelete: !allowDeletion }) };
    };
}
