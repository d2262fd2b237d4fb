import * as pulumi from "@pulumi/pulumi";
import { allowNothingPolicy, ALLOW_NOTHING, authorizationPolicy, AuthorizationPolicyArgs, DEFAULT_TRUST_DOMAIN } from "./authorization-policy";
import { registerObject } from "./istio-object";

export interface MeshAuthorizationArgs {
    /** Trust domain of the mesh (meshConfig.trustDomain), for the principals `callers` become. */
    trustDomain?: string;
    /** Namespaces that get Istio's allow-nothing policy: only explicit ALLOW rules let traffic in. */
    denyByDefault?: string[];
    /** AuthorizationPolicies by name. */
    policies?: Record<string, AuthorizationPolicyArgs>;
}

/** Access control for the mesh: deny by default where asked, and each workload's policies. */
export class MeshAuthorization extends pulumi.ComponentResource {
    constructor(name: string, args: MeshAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:security:MeshAuthorization", name, {}, opts);
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        const trustDomain = args.trustDomain ?? DEFAULT_TRUST_DOMAIN;
        for (const namespace of args.denyByDefault ?? []) {
            registerObject(`${name}-${namespace}-${ALLOW_NOTHING}`, allowNothingPolicy(namespace), child);
        }
        for (const [policy, policyArgs] of Object.entries(args.policies ?? {})) {
            if (policy === ALLOW_NOTHING && args.denyByDefault?.includes(policyArgs.namespace)) {
                throw new Error(`AuthorizationPolicy ${policyArgs.namespace}/${policy}: the name is taken by the deny-by-default policy; choose another`);
            }
            registerObject(`${name}-${policyArgs.namespace}-${policy}`, authorizationPolicy(policy, policyArgs, trustDomain), child);
        }
        this.registerOutputs({});
    }
}
