import * as pulumi from "@pulumi/pulumi";
import { ArgsError, componentArgs, inComponent } from "../common/parse-args";
import { inTurns } from "../common/turns";
import { allowNothingPolicy, ALLOW_NOTHING, authorizationPolicy, AuthorizationPolicyArgs, DEFAULT_TRUST_DOMAIN } from "./authorization-policy";
import { IstioObject, ManagedNamespaces, objectsIn, registerObjects } from "./istio-object";
import { requestAuthentication, RequestAuthenticationArgs } from "./request-authentication";

export interface MeshAuthorizationArgs {
    /**
     * Trust domain of the mesh (meshConfig.trustDomain), for the principals `callers` become.
     * @default "cluster.local" (DEFAULT_TRUST_DOMAIN, Istio's)
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-trust_domain
     */
    trustDomain?: string;
    /**
     * Namespaces that get Istio's allow-nothing policy: only explicit ALLOW rules let traffic in.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy
     */
    denyByDefault?: string[];
    /**
     * AuthorizationPolicies by name.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
     */
    policies?: Record<string, AuthorizationPolicyArgs>;
    /**
     * The namespaces this stack creates or labels, by name, each as an Output of
     * its resource (MeshNamespace.namespace): a policy in one of them waits for it.
     * @default none (no policy waits for a namespace)
     * @see https://istio.io/latest/docs/concepts/security/#authorization
     */
    managedNamespaces?: Record<string, pulumi.Input<string>>;
    /**
     * RequestAuthentications (accepted JWTs) by name.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
     */
    requestAuthentications?: Record<string, RequestAuthenticationArgs>;
}

const TYPE = "istio-mesh:security:MeshAuthorization";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshAuthorizationArgs, true> = { policies: true, requestAuthentications: true, denyByDefault: true, trustDomain: true, managedNamespaces: true };

type Objects = ReadonlyArray<readonly [string, IstioObject]>;

// By the args object of one of `create`'s constructions: where that construction hands its objects, which
// `create` registers itself (a constructor cannot wait for turns).
const LEFT_TO_CREATE = new WeakMap<MeshAuthorizationArgs, (objects: Objects, register: (some: Objects) => void) => void>();

/**
 * Access control for the mesh: deny by default where asked, each workload's
 * policies, and the JWTs accepted. Depend it on the control plane; give it the
 * namespaces as managedNamespaces, so that each policy waits for its own namespace only.
 */
export class MeshAuthorization extends pulumi.ComponentResource {
    /**
     * Its objects in a namespace. TypeScript only (a method, not an output), like IstioMesh.ready:
     * a workload waits for its namespace's policies (and the root namespace's), not for every namespace's.
     */
    objectsIn(namespace: string): pulumi.Resource[] {
        return objectsIn(this, namespace);
    }

    constructor(name: string, args: MeshAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        // Children wait for what the component waits for (Pulumi does not pass dependsOn down).
        const child = { parent: this, dependsOn: opts?.dependsOn };
        const namespaces: ManagedNamespaces = args.managedNamespaces ?? {};
        const trustDomain = args.trustDomain ?? DEFAULT_TRUST_DOMAIN;
        // Build everything before registering anything, so bad input registers nothing.
        const objects = inComponent(subject, () => [
            ...(args.denyByDefault ?? []).map((namespace) => [`${name}-${namespace}-${ALLOW_NOTHING}`, allowNothingPolicy(namespace)] as const),
            ...Object.entries(args.policies ?? {}).map(([policy, policyArgs]) => {
                if (policy === ALLOW_NOTHING && args.denyByDefault?.includes(policyArgs.namespace)) {
                    throw new ArgsError(subject, [`policies.${policy}: the name is taken by the deny-by-default policy of ${policyArgs.namespace}; choose another`]);
                }
                return [`${name}-${policyArgs.namespace}-${policy}`, authorizationPolicy(policy, policyArgs, trustDomain)] as const;
            }),
            ...Object.entries(args.requestAuthentications ?? {}).map(([jwt, jwtArgs]) =>
                [`${name}-${jwtArgs.namespace}-${jwt}-requestauthentication`, requestAuthentication(jwt, jwtArgs)] as const),
        ]);
        const register = (some: Objects) => registerObjects(this, some, child, namespaces);
        const handOver = LEFT_TO_CREATE.get(args);
        if (handOver) {
            handOver(objects, register);
            return;
        }
        register(objects);
        this.registerOutputs({});
    }

    /**
     * As `new MeshAuthorization(...)`, with the objects registered a few per turn of the event loop
     * (inTurns): for thousands of policies, which the SDK then registers in less time and memory
     * than all at once. TypeScript only. Bad input still registers nothing.
     */
    static async create(name: string, args: MeshAuthorizationArgs, opts?: pulumi.ComponentResourceOptions): Promise<MeshAuthorization> {
        const own = { ...args };
        let objects: Objects = [];
        let register: (some: Objects) => void = () => undefined;
        LEFT_TO_CREATE.set(own, (built, registerSome) => {
            objects = built;
            register = registerSome;
        });
        const component = new MeshAuthorization(name, own, opts);
        await inTurns(objects, (object) => register([object]));
        component.registerOutputs({});
        return component;
    }
}
