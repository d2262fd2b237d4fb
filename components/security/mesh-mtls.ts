import * as pulumi from "@pulumi/pulumi";
import { ArgsError, componentArgs, inComponent, parseArgs } from "../common/parse-args";
import { ManagedNamespaces, objectsIn, registerObjects } from "./istio-object";
import { defaultPeerAuthentication, MtlsArgs, MtlsMode, mtlsDisableWarnings, mtlsSchema, workloadPeerAuthentication } from "./peer-authentication";

export interface MeshMtlsArgs {
    /** The mesh's root namespace (the control plane's, `istio-system`): home of the mesh-wide policy. */
    rootNamespace: string;
    mtls: MtlsArgs;
    /**
     * The namespaces this stack creates or labels, by name, each as an Output of
     * its resource (MeshNamespace.namespace): a policy in one of them waits for it.
     * @default none (no policy waits for a namespace)
     * @see https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/
     */
    managedNamespaces?: Record<string, pulumi.Input<string>>;
}

const TYPE = "istio-mesh:security:MeshMtls";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshMtlsArgs, true> = { rootNamespace: true, mtls: true, managedNamespaces: true };

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

    /**
     * Its objects in a namespace (the root namespace holds the mesh-wide one). TypeScript only, like
     * IstioMesh.ready: a workload waits for these, not for every namespace's.
     */
    objectsIn(namespace: string): pulumi.Resource[] {
        return objectsIn(this, namespace);
    }

    constructor(name: string, args: MeshMtlsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        const mtls = parseArgs(mtlsSchema, args.mtls, subject, "mtls");
        if (args.rootNamespace in mtls.namespaces) {
            // Its `default` policy is the mesh-wide one: two objects, one name.
            throw new ArgsError(subject, [`mtls.namespaces.${args.rootNamespace}: the root namespace's mode is the mesh-wide mtls.mode; set that instead`]);
        }
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        const namespaces: ManagedNamespaces = args.managedNamespaces ?? {};
        for (const warning of mtlsDisableWarnings(mtls)) pulumi.log.warn(warning, this);
        // Build everything before registering anything, so bad input registers nothing.
        const [meshDefault, ...objects] = inComponent(subject, () => [
            [`${name}-mesh-default`, defaultPeerAuthentication(args.rootNamespace, mtls.mode)] as const,
            ...Object.entries(mtls.namespaces).map(([namespace, { mode }]) => [`${name}-${namespace}-default`, defaultPeerAuthentication(namespace, mode)] as const),
            ...Object.entries(mtls.workloads).map(([policy, workload]) => [`${name}-${workload.namespace}-${policy}`, workloadPeerAuthentication(policy, workload)] as const),
        ]);
        // The mesh-wide policy lives in the root namespace, which no managed namespace stands for.
        registerObjects(this, [meshDefault], child);
        registerObjects(this, objects, child, namespaces);
        this.mode = mtls.mode;
        this.registerOutputs({ mode: this.mode });
    }
}
