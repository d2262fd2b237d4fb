import * as pulumi from "@pulumi/pulumi";
import { allowNothingPolicy, ALLOW_NOTHING, authorizationPolicy, AuthorizationPolicyArgs, DEFAULT_TRUST_DOMAIN } from "./authorization-policy";
import { ManagedNamespaces, registerObject } from "./istio-object";
import { requestAuthentication, RequestAuthenticationArgs } from "./request-authentication";

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
    /** RequestAuthentications (accepted JWTs) by name. */
    requestAuthentications?: Record<string, RequestAuthenticationArgs>;
}

/**
 * Access control for the mesh: deny by default where asked, each workload's
 * policies, and the JWTs accepted. Depend it on the control plane; give it the
 * namespaces as managedNamespaces, so that each policy waits for its own namespace only.
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
        // Build everything before registering anything, so bad input registers nothing.
        const objects = Object.entries(args.policies ?? {}).map(([policy, policyArgs]) => {
            if (policy === ALLOW_NOTHING && args.denyByDefault?.includes(policyArgs.namespace)) {
                throw new Error(`AuthorizationPolicy ${policyArgs.namespace}/${policy}: the name is taken by the deny-by-default policy; choose another`);
            }
            return [`${name}-${policyArgs.namespace}-${policy}`, authorizationPolicy(policy, policyArgs, trustDomain)] as const;
        });
        for (const [jwt, jwtArgs] of Object.entries(args.requestAuthentications ?? {})) {
            objects.push([`${name}-${jwtArgs.namespace}-${jwt}-requestauthentication`, requestAuthentication(jwt, jwtArgs)]);
        }
        for (const [resourceName, object] of objects) registerObject(resourceName, object, child, namespaces);
        this.registerOutputs({});
    }
}
