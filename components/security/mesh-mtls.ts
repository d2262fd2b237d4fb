import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "../common/parse-args";
import { ManagedNamespaces, registerObject } from "./istio-object";
import { defaultPeerAuthentication, MtlsArgs, MtlsMode, mtlsDisableWarnings, mtlsSchema, workloadPeerAuthentication } from "./peer-authentication";

export interface MeshMtlsArgs {
    /** The mesh's root namespace (the control plane's, `istio-system`): home of the mesh-wide policy. */
    rootNamespace: string;
    mtls: MtlsArgs;
    /**
     * The namespaces this stack creates or labels, by name, each as an Output of
     * its resource (MeshNamespace.namespace): a policy in one of them waits for it.
     */
    managedNamespaces?: Record<string, pulumi.Input<string>>;
}

/**
 * Mutual TLS for the mesh: the mesh-wide PeerAuthentication, then the
 * per-namespace and per-workload ones. Depend it on the control plane; give
 * it the namespaces as managedNamespaces, so that each policy waits for its own
 * namespace only (a dependency on every namespace would grow with namespaces
 * times policies).
 */
export class MeshMtls extends pulumi.ComponentResource {
    /** The mesh-wide mode, for checks such as assertMtlsCompatible. */
    readonly mode: MtlsMode;

    constructor(name: string, args: MeshMtlsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:security:MeshMtls", name, {}, opts);
        const mtls = parseArgs(mtlsSchema, args.mtls, `MeshMtls ${name}`);
        if (args.rootNamespace in mtls.namespaces) {
            // Its `default` policy is the mesh-wide one: two objects, one name.
            throw new Error(`MeshMtls ${name}: namespaces.${args.rootNamespace}: the root namespace's mode is the mesh-wide mtls.mode; set that instead`);
        }
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        const namespaces: ManagedNamespaces = args.managedNamespaces ?? {};
        for (const warning of mtlsDisableWarnings(mtls)) pulumi.log.warn(warning, this);
        registerObject(`${name}-mesh-default`, defaultPeerAuthentication(args.rootNamespace, mtls.mode), child);
        for (const [namespace, { mode }] of Object.entries(mtls.namespaces)) {
            registerObject(`${name}-${namespace}-default`, defaultPeerAuthentication(namespace, mode), child, namespaces);
        }
        for (const [policy, workload] of Object.entries(mtls.workloads)) {
            registerObject(`${name}-${workload.namespace}-${policy}`, workloadPeerAuthentication(policy, workload), child, namespaces);
        }
        this.mode = mtls.mode;
        this.registerOutputs({ mode: this.mode });
    }
}
