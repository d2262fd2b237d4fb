import * as pulumi from "@pulumi/pulumi";
import { allowNothingPolicy, ALLOW_NOTHING, authorizationPolicy, AuthorizationPolicyArgs, DEFAULT_TRUST_DOMAIN } from "./authorization-policy";
import { ManagedNamespaces, registerObject } from "./istio-object";

export interface MeshAuthorizationArgs {
    /** Trust domain of the mesh (meshConfig.trustDomain), for the principals `callers` become. */
    trustDomain?: string;
    /** Namespaces that get Istio's allow-nothing policy: only explicit ALLOW rules let traffic in. */
    denyByDefault?: string[];
    /** AuthorizationPolicies by name. */
    policies?: Record<string, AuthorizationPolicyArgs>;
    /**
     * The namespaces this stack creates or labels, by name, each as an Output of
     * its resource (MeshNamespace.namespace): a policy in one of them waits for it.
     */
    managedNamespaces?: Record<string, pulumi.Input<string>>;
}

/**
 * Access control for the mesh: deny by default where asked, and each workload's
 * policies. Depend it on the control plane; give it the namespaces as
 * managedNamespaces, so that each policy waits for its own namespace only.
 */
export class MeshAuthorization extends pulumi.ComponentResource {
    constructor(name: string, args: MeshAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:security:MeshAuthorization", name, {}, opts);
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        const namespaces: ManagedNamespaces = args.managedNamespaces ?? {};
        const trustDomain = args.trustDomain ?? DEFAULT_TRUST_DOMAIN;
        for (const namespace of args.denyByDefault ?? []) {
            registerObject(`${name}-${namespace}-${ALLOW_NOTHING}`, allowNothingPolicy(namespace), child, namespaces);
        }
        for (const [policy, policyArgs] of Object.entries(args.policies ?? {})) {
            if (policy === ALLOW_NOTHING && args.denyByDefault?.includes(policyArgs.namespace)) {
                throw new Error(`AuthorizationPolicy ${policyArgs.namespace}/${policy}: the name is taken by the deny-by-default policy; choose another`);
            }
            registerObject(`${name}-${policyArgs.namespace}-${policy}`, authorizationPolicy(policy, policyArgs, trustDomain), child, namespaces);
        }
        this.registerOutputs({});
    }
}
