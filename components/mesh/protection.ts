import * as pulumi from "@pulumi/pulumi";

/**
 * `protect` on every object a chart renders: Pulumi refuses to delete a
 * protected resource (`pulumi destroy`, a removal from the program, a
 * replacement), so a production control plane, its CRDs and its CA cannot go
 * by accident. Set on the children themselves, as a chart's objects are
 * registered by the Kubernetes provider, not by this program.
 */
export function protection(): pulumi.ResourceTransform {
    return (args) => ({ props: args.props, opts: pulumi.mergeOptions(args.opts, { protect: true }) });
}
