import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { gatewayNamespaces, ParsedServiceArgs } from "./args";
import { trafficObjects } from "./build";
import { withResolvedDestinations } from "./destination-hosts";
import { resolveHost } from "./hosts";

export const NETWORKING_API_VERSION = "networking.istio.io/v1";

/** Rules stay in their own namespace unless `exportTo` says otherwise. */
export const DEFAULT_EXPORT_TO = ["."];

/**
 * Where a service's rules go without an `exportTo`: their own namespace, each of its gateways'
 * namespaces (a gateway in another namespace sees them only when exported to it), and `alsoTo`.
 * @internal
 */
export function defaultExportTo(gateways: readonly string[] | undefined, namespace: string, alsoTo: readonly string[] = []): string[] {
    return [...new Set([...DEFAULT_EXPORT_TO, ...gatewayNamespaces(gateways ?? [], namespace).filter((ns) => ns !== namespace), ...alsoTo])];
}

/**
 * One service's two objects and the host they are for.
 * @internal
 */
export interface ServiceRules {
    /** An FQDN for a Kubernetes service, an external host as written. */
    host: string;
    destinationRule: k8s.apiextensions.CustomResource;
    virtualService: k8s.apiextensions.CustomResource;
}

/** @internal */
export interface ServiceRulesOptions {
    parent: pulumi.Resource;
    /** What the DestinationRule waits for (children do not inherit a component's dependsOn). */
    dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
    /** The URN of the objects' earlier parent: each answers to the URN it had under it. */
    formerParentUrn?: string;
}

// The engine's URN of a child: its parent's type chain, then its own type and name. Written out, not an
// alias spec, which the SDK resolves through an Output chain per resource.
const childUrn = (parentUrn: string, type: string, name: string) => `${parentUrn.slice(0, parentUrn.lastIndexOf("::"))}$${type}::${name}`;

/**
 * The DestinationRule and VirtualService of one service, from arguments its
 * schema (meshServiceArgs) has accepted, registered under `opts.parent`:
 * MeshService's children, and the stack program's services (MeshServices).
 * Pulumi names derive from `name`, so URNs do not move when `args.name` is set.
 * @internal
 */
export function serviceRules(name: string, args: ParsedServiceArgs, opts: ServiceRulesOptions): ServiceRules {
    const { name: objectName, namespace, host: hostArg, meshNamespaces, destinationRule: placement, ...traffic } = args;
    const kubernetesName = objectName ?? name;
    // The schema has checked the host, so it resolves.
    const host = resolveHost(hostArg ?? kubernetesName, namespace, meshNamespaces)!.host;
    const built = trafficObjects(name, {
        ...withResolvedDestinations(traffic, namespace, meshNamespaces),
        host,
        exportTo: traffic.exportTo ?? defaultExportTo(traffic.gateways, namespace),
    });
    for (const warning of built.warnings) pulumi.log.warn(warning, opts.parent);

    const metadata = { name: kubernetesName, namespace };
    // A DestinationRule placed apart is for its namespace's proxies (a gateway's), so it is exported there only:
    // exported further, a root-namespace rule no longer counts as that namespace's own and pilot skips it for them.
    const destinationRuleSpec = placement === undefined ? built.destinationRule : { ...built.destinationRule, exportTo: [...DEFAULT_EXPORT_TO] };
    const aliases = (kind: string, objectName: string) =>
        (opts.formerParentUrn ? [childUrn(opts.formerParentUrn, `kubernetes:${NETWORKING_API_VERSION}:${kind}`, objectName)] : undefined);
    const destinationRule = new k8s.apiextensions.CustomResource(`${name}-destinationrule`, {
        apiVersion: NETWORKING_API_VERSION,
        kind: "DestinationRule",
        metadata: { ...metadata, namespace: placement?.namespace ?? namespace },
        spec: destinationRuleSpec,
    }, { parent: opts.parent, dependsOn: opts.dependsOn, aliases: aliases("DestinationRule", `${name}-destinationrule`) });
    // After the DestinationRule, so a new subset exists before any route points at it.
    const virtualService = new k8s.apiextensions.CustomResource(`${name}-virtualservice`, {
        apiVersion: NETWORKING_API_VERSION,
        kind: "VirtualService",
        metadata,
        spec: built.virtualService,
    }, { parent: opts.parent, dependsOn: [destinationRule], aliases: aliases("VirtualService", `${name}-virtualservice`) });
    return { host, destinationRule, virtualService };
}
