import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, dnsSubdomain, schemaOf } from "../common/validation";
import { IstioObject } from "./istio-object";
import {
    HttpMethod, httpMethod, httpPath, namespaceMatch, port, principal, serviceAccountName, spiffePrincipal, trustDomain as trustDomainName,
    WorkloadSelector, workloadSelector,
} from "./match";

/**
 * AuthorizationPolicy for one workload or a whole namespace: Istio's own rule
 * fields (`from.source`, `to.operation`, `when`), plus `callers`, the friendly form that names service
 * accounts and becomes SPIFFE principals of the mesh's trust domain.
 */

export const DEFAULT_TRUST_DOMAIN = "cluster.local";
const API_VERSION = "security.istio.io/v1";

/** Istio's Source: who a rule matches, by SPIFFE principal, JWT principal (`<iss>/<sub>`), namespace or IP. */
export interface Source {
    /**
     * SPIFFE principals of the peer (`<trustDomain>/ns/<namespace>/sa/<serviceAccount>`); needs mTLS.
     * @default Istio's: any principal
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-principals
     */
    principals?: string[];
    /**
     * Principals that do not match.
     * @default none (no principal is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-not_principals
     */
    notPrincipals?: string[];
    /**
     * JWT principals (`<iss>/<sub>`) of the request.
     * @default Istio's: any request principal
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-request_principals
     */
    requestPrincipals?: string[];
    /**
     * Request principals that do not match.
     * @default none (no request principal is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-not_request_principals
     */
    notRequestPrincipals?: string[];
    /**
     * Namespaces of the peer; needs mTLS.
     * @default Istio's: any namespace
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-namespaces
     */
    namespaces?: string[];
    /**
     * Namespaces that do not match.
     * @default none (no namespace is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-not_namespaces
     */
    notNamespaces?: string[];
    /**
     * Peer IPs or CIDRs, such as 10.0.0.0/16.
     * @default Istio's: any IP
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-ip_blocks
     */
    ipBlocks?: string[];
    /**
     * Peer IPs or CIDRs that do not match.
     * @default none (no IP is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-not_ip_blocks
     */
    notIpBlocks?: string[];
    /**
     * Client IPs as the gateway sees them (X-Forwarded-For, proxy protocol).
     * @default Istio's: any IP
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-remote_ip_blocks
     */
    remoteIpBlocks?: string[];
    /**
     * Client IPs or CIDRs that do not match.
     * @default none (no IP is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-not_remote_ip_blocks
     */
    notRemoteIpBlocks?: string[];
}

/** Istio's Operation: what a rule matches (ports as strings, as in Istio's API). */
export interface Operation {
    /**
     * The Host header: `httpbin.example.com`, `*.example.com`.
     * @default Istio's: any host
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-hosts
     */
    hosts?: string[];
    /**
     * Host headers that do not match.
     * @default none (no host is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-not_hosts
     */
    notHosts?: string[];
    /**
     * HTTP methods, such as `GET`.
     * @default Istio's: any method
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-methods
     */
    methods?: HttpMethod[];
    /**
     * HTTP methods that do not match.
     * @default none (no method is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-not_methods
     */
    notMethods?: HttpMethod[];
    /**
     * Request paths: exact, `/prefix*`, `*suffix` or `*`.
     * @default Istio's: any path
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-paths
     */
    paths?: string[];
    /**
     * Paths that do not match.
     * @default none (no path is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-not_paths
     */
    notPaths?: string[];
    /**
     * Destination ports, as strings.
     * @default Istio's: any port
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-ports
     */
    ports?: string[];
    /**
     * Ports that do not match.
     * @default none (no port is excluded)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation-not_ports
     */
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
    /**
     * Namespace of the calling workload; the policy's own namespace when left out.
     * @default the policy's own namespace
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-principals
     */
    namespace?: string;
}

/** Istio's Condition: an attribute such as `request.auth.claims[groups]` and the values it must (not) have. */
export interface Condition {
    key: string;
    /**
     * Values of which the attribute must have one.
     * @default none (`values` or `notValues` is set)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition-values
     */
    values?: string[];
    /**
     * Values the attribute must not have.
     * @default none (`values` or `notValues` is set)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Condition-not_values
     */
    notValues?: string[];
}

/** Istio's Rule, plus `callers`. */
export interface AuthorizationRule {
    /**
     * Friendly form: callers by service account, written as `from.source.principals`.
     * @default none
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source-principals
     */
    callers?: Caller[];
    /**
     * Sources of the request, any one of which matches.
     * @default Istio's: any source
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule-from
     */
    from?: RuleFrom[];
    /**
     * Operations of the request, any one of which matches.
     * @default Istio's: any operation
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule-to
     */
    to?: RuleTo[];
    /**
     * Further conditions, all of which must hold.
     * @default Istio's: any condition
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule-when
     */
    when?: Condition[];
}

/** Istio's ExtensionProvider reference of a CUSTOM policy. */
export interface ExtensionProviderRef {
    /** The name of an extension provider in meshConfig.extensionProviders. */
    name: string;
}

export const AuthorizationAction = { ALLOW: "ALLOW", DENY: "DENY", AUDIT: "AUDIT", CUSTOM: "CUSTOM" } as const;
/** What a matching request gets: ALLOW (Istio's default), DENY, AUDIT or CUSTOM (asks an external authorizer). */
export type AuthorizationAction = (typeof AuthorizationAction)[keyof typeof AuthorizationAction];
export const AUTHORIZATION_ACTIONS = Object.values(AuthorizationAction);

/** One AuthorizationPolicy: the workloads it selects, its action and rules. */
export interface AuthorizationPolicyArgs {
    namespace: string;
    /**
     * The workloads it applies to; every workload of the namespace when left out.
     * @default every workload of the namespace (Istio's, without a selector)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-selector
     */
    selector?: WorkloadSelector;
    /**
     * ALLOW when left out.
     * @default Istio's: `ALLOW`
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-action
     */
    action?: AuthorizationAction;
    /**
     * CUSTOM only: the external authorizer.
     * @default none (required with `CUSTOM`, not allowed otherwise)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-provider
     */
    provider?: ExtensionProviderRef;
    /**
     * Rules, any one of which matches a request.
     * @default none: Istio's (no rule matches; an ALLOW policy then denies every request to the workloads)
     * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-rules
     */
    rules?: AuthorizationRule[];
    /**
     * Evaluate without enforcing (Istio's experimental `istio.io/dry-run` annotation): the proxies
     * log, count and trace what the policy would do. ALLOW and DENY only.
     * @default false (enforced)
     * @see https://istio.io/latest/docs/tasks/security/authorization/authz-dry-run/
     */
    dryRun?: boolean;
}

/** The annotation that makes a policy a dry run. */
export const DRY_RUN_ANNOTATION = "istio.io/dry-run";

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: "expected at least one entry (leave the field out instead)" });

const ipBlock = z.string().regex(/^[0-9.:a-fA-F]+(\/[0-9]{1,3})?$/, { error: "expected an IP or CIDR such as 10.0.0.0/16" });
// A JWT principal is `<issuer>/<subject>`, with Istio's `*` at one end.
const requestPrincipal = z.string().min(1, { error: "expected <issuer>/<subject> such as testing@secure.istio.io/testing@secure.istio.io, or *" });

const source = z
    .strictObject({
        principals: nonEmpty(principal).optional(),
        notPrincipals: nonEmpty(principal).optional(),
        requestPrincipals: nonEmpty(requestPrincipal).optional(),
        notRequestPrincipals: nonEmpty(requestPrincipal).optional(),
        namespaces: nonEmpty(namespaceMatch).optional(),
        notNamespaces: nonEmpty(namespaceMatch).optional(),
        ipBlocks: nonEmpty(ipBlock).optional(),
        notIpBlocks: nonEmpty(ipBlock).optional(),
        remoteIpBlocks: nonEmpty(ipBlock).optional(),
        notRemoteIpBlocks: nonEmpty(ipBlock).optional(),
    })
    .refine((s) => Object.keys(s).length > 0, { error: "an empty source matches every caller; name principals, requestPrincipals, namespaces or IP blocks" });

const operation = z
    .strictObject({
        hosts: nonEmpty(z.string().min(1)).optional(),
        notHosts: nonEmpty(z.string().min(1)).optional(),
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

const condition = z
    .strictObject({
        key: z.string().regex(/^(request\.headers\[[^\]]+\]|source\.(ip|namespace|principal)|remote\.ip|request\.auth\.(principal|audiences|presenter|claims(\[[^\]]+\])+)|destination\.(ip|port)|connection\.sni|experimental\.envoy\.filters\..+)$/, {
            error: "expected an Istio condition key such as request.auth.claims[groups], request.headers[x-token], source.ip or destination.port",
        }),
        values: nonEmpty(z.string()).optional(),
        notValues: nonEmpty(z.string()).optional(),
    })
    .refine((c) => c.values !== undefined || c.notValues !== undefined, { error: "expected values or notValues" });

const rule = z.strictObject({
    callers: nonEmpty(caller).optional(),
    from: nonEmpty(z.strictObject({ source })).optional(),
    to: nonEmpty(z.strictObject({ operation })).optional(),
    when: nonEmpty(condition).optional(),
});

/** @internal */
export const authorizationPolicySchema = schemaOf<AuthorizationPolicyArgs>()(z
    .strictObject({
        namespace: dnsLabel,
        selector: workloadSelector.optional(),
        action: z.enum(AuthorizationAction, { error: `expected one of ${AUTHORIZATION_ACTIONS.join(", ")}` }).default("ALLOW"),
        provider: z.strictObject({ name: z.string().min(1, { error: "expected an extension provider's name" }) }).optional(),
        rules: z.array(rule).default([]),
        dryRun: z.boolean().optional(),
    })
    .superRefine((policy, ctx) => {
        if (policy.dryRun && policy.action !== "ALLOW" && policy.action !== "DENY") {
            ctx.addIssue({ code: "custom", path: ["dryRun"], message: `Istio dry-runs ALLOW and DENY policies only, not ${policy.action}` });
        }
        if ((policy.action === "CUSTOM") !== (policy.provider !== undefined)) {
            ctx.addIssue({ code: "custom", path: ["provider"], message: "CUSTOM needs provider (and only CUSTOM takes one): the external authorizer of meshConfig.extensionProviders" });
        }
        if (policy.action === "CUSTOM" && policy.rules.length === 0) {
            ctx.addIssue({ code: "custom", path: ["rules"], message: "a CUSTOM policy without rules sends no request to the authorizer; say which requests it checks" });
        }
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
        ...(r.when ? { when: r.when } : {}),
    };
}

/** The AuthorizationPolicy `name` in its namespace; throws naming the policy and field on bad input. */
export function authorizationPolicy(name: string, args: AuthorizationPolicyArgs, trustDomain: string = DEFAULT_TRUST_DOMAIN): IstioObject {
    const what = `AuthorizationPolicy ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsSubdomain, name, `${what} name`);
    parseArgs(trustDomainName, trustDomain, `${what} trustDomain`);
    const policy = parseArgs(authorizationPolicySchema, args, what);
    return {
        apiVersion: API_VERSION,
        kind: "AuthorizationPolicy",
        metadata: { name, namespace: policy.namespace, ...(policy.dryRun && { annotations: { [DRY_RUN_ANNOTATION]: "true" } }) },
        spec: {
            ...(policy.selector ? { selector: policy.selector } : {}),
            // ALLOW is Istio's default action; left out, as in Istio's own examples.
            ...(policy.action === "ALLOW" ? {} : { action: policy.action }),
            ...(policy.provider ? { provider: policy.provider } : {}),
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
