import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import { IstioObject } from "./istio-object";
import {
    HttpMethod, httpMethod, httpPath, namespaceMatch, port, principal, serviceAccountName, spiffePrincipal, trustDomain as trustDomainName,
    WorkloadSelector, workloadSelector,
} from "./match";

/**
 * AuthorizationPolicy for one workload: Istio's own rule fields (`from.source`,
 * `to.operation`), plus `callers`, the friendly form that names service
 * accounts and becomes SPIFFE principals of the mesh's trust domain.
 */

export const DEFAULT_TRUST_DOMAIN = "cluster.local";
const API_VERSION = "security.istio.io/v1";

/** Istio's Source: who a rule matches, by SPIFFE principal or namespace (exact, `prefix*`, `*suffix` or `*`). */
export interface Source {
    principals?: string[];
    notPrincipals?: string[];
    namespaces?: string[];
    notNamespaces?: string[];
}

/** Istio's Operation: what a rule matches (ports as strings, as in Istio's API). */
export interface Operation {
    methods?: HttpMethod[];
    notMethods?: HttpMethod[];
    paths?: string[];
    notPaths?: string[];
    ports?: string[];
    notPorts?: string[];
}

/** Istio's Rule.From. */
export interface RuleFrom {
    source: Source;
}

/** Istio's Rule.To. */
export interface RuleTo {
    operation: Operation;
}

/** A calling workload, by service account; becomes the principal `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`. */
export interface Caller {
    serviceAccount: string;
    /** Namespace of the calling workload; the policy's own namespace when left out. */
    namespace?: string;
}

/** Istio's Rule, plus `callers`. */
export interface AuthorizationRule {
    /** Friendly form: callers by service account, written as `from.source.principals`. */
    callers?: Caller[];
    from?: RuleFrom[];
    to?: RuleTo[];
}

export const AuthorizationAction = { ALLOW: "ALLOW", DENY: "DENY", AUDIT: "AUDIT" } as const;
/** What a matching request gets: ALLOW (Istio's default), DENY or AUDIT. */
export type AuthorizationAction = (typeof AuthorizationAction)[keyof typeof AuthorizationAction];
export const AUTHORIZATION_ACTIONS = Object.values(AuthorizationAction);

/** One AuthorizationPolicy: the workloads it selects, its action and rules. */
export interface AuthorizationPolicyArgs {
    namespace: string;
    selector: WorkloadSelector;
    /** ALLOW when left out. */
    action?: AuthorizationAction;
    rules?: AuthorizationRule[];
}

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: "expected at least one entry (leave the field out instead)" });

const source = z
    .strictObject({
        principals: nonEmpty(principal).optional(),
        notPrincipals: nonEmpty(principal).optional(),
        namespaces: nonEmpty(namespaceMatch).optional(),
        notNamespaces: nonEmpty(namespaceMatch).optional(),
    })
    .refine((s) => Object.keys(s).length > 0, { error: "an empty source matches every caller; name principals or namespaces" });

const operation = z
    .strictObject({
        methods: nonEmpty(httpMethod).optional(),
        notMethods: nonEmpty(httpMethod).optional(),
        paths: nonEmpty(httpPath).optional(),
        notPaths: nonEmpty(httpPath).optional(),
        ports: nonEmpty(port).optional(),
        notPorts: nonEmpty(port).optional(),
    })
    .refine((o) => Object.keys(o).length > 0, { error: "an empty operation matches every request; name methods, paths or ports" });

const caller = z.strictObject({
    serviceAccount: serviceAccountName,
    namespace: dnsLabel.optional(),
});

const rule = z.strictObject({
    callers: nonEmpty(caller).optional(),
    from: nonEmpty(z.strictObject({ source })).optional(),
    to: nonEmpty(z.strictObject({ operation })).optional(),
});

export const authorizationPolicySchema = schemaOf<AuthorizationPolicyArgs>()(z
    .strictObject({
        namespace: dnsLabel,
        selector: workloadSelector,
        action: z.enum(AuthorizationAction, { error: `expected one of ${AUTHORIZATION_ACTIONS.join(", ")}` }).default("ALLOW"),
        rules: z.array(rule).default([]),
    })
    .superRefine((policy, ctx) => {
        if (policy.action !== "ALLOW") return;
        // An ALLOW policy without rules allows nothing; deny-by-default already says that, explicitly.
        if (policy.rules.length === 0) {
            ctx.addIssue({ code: "custom", path: ["rules"], message: "an ALLOW policy needs at least one rule (use denyByDefault to allow nothing)" });
        }
        policy.rules.forEach((r, i) => {
            if (!r.callers && !r.from && !r.to) {
                ctx.addIssue({ code: "custom", path: ["rules", i], message: "an ALLOW rule without callers, from or to matches every request; say who may call what" });
            }
        });
    }));
type Rule = z.output<typeof rule>;

function istioRule(r: Rule, namespace: string, trustDomain: string): Record<string, unknown> {
    const from = [
        ...(r.callers
            ? [{ source: { principals: r.callers.map((c) => spiffePrincipal(trustDomain, c.namespace ?? namespace, c.serviceAccount)) } }]
            : []),
        ...(r.from ?? []),
    ];
    return {
        ...(from.length > 0 ? { from } : {}),
        ...(r.to ? { to: r.to } : {}),
    };
}

/** The AuthorizationPolicy `name` in its namespace; throws naming the policy and field on bad input. */
export function authorizationPolicy(name: string, args: AuthorizationPolicyArgs, trustDomain: string = DEFAULT_TRUST_DOMAIN): IstioObject {
    const what = `AuthorizationPolicy ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    parseArgs(trustDomainName, trustDomain, `${what} trustDomain`);
    const policy = parseArgs(authorizationPolicySchema, args, what);
    return {
        apiVersion: API_VERSION,
        kind: "AuthorizationPolicy",
        metadata: { name, namespace: policy.namespace },
        spec: {
            selector: policy.selector,
            // ALLOW is Istio's default action; left out, as in Istio's own examples.
            ...(policy.action === "ALLOW" ? {} : { action: policy.action }),
            rules: policy.rules.map((r) => istioRule(r, policy.namespace, trustDomain)),
        },
    };
}

export const ALLOW_NOTHING = "allow-nothing";

/**
 * Istio's allow-nothing policy: an ALLOW policy that matches nothing, so in its
 * namespace only what another ALLOW policy names gets through.
 */
export function allowNothingPolicy(namespace: string): IstioObject {
    parseArgs(dnsLabel, namespace, `AuthorizationPolicy ${namespace}/${ALLOW_NOTHING} namespace`);
    return { apiVersion: API_VERSION, kind: "AuthorizationPolicy", metadata: { name: ALLOW_NOTHING, namespace }, spec: {} };
}
