import { z } from "zod";
import { DNS_LABEL_PATTERN, schemaOf } from "../common/validation";

/**
 * The string fields of AuthorizationPolicy rules. Istio matches them exactly,
 * by prefix (`abc*`), by suffix (`*abc`) or by presence (`*`); the wildcard is
 * allowed at either end only. Anything else Istio would accept silently and
 * never match, so it is rejected here.
 */

const label = DNS_LABEL_PATTERN.source.slice(1, -1);
// A trust domain is a DNS name such as cluster.local; a service account name a DNS subdomain.
const trustDomainPattern = `${label}(\\.${label})*`;
const serviceAccountPattern = `[a-z0-9]([-a-z0-9.]*[a-z0-9])?`;

export const TRUST_DOMAIN_PATTERN = new RegExp(`^${trustDomainPattern}$`);

/** @internal */
export const trustDomain = z
    .string()
    .regex(TRUST_DOMAIN_PATTERN, { error: "expected a trust domain: a DNS name such as cluster.local" });

/** @internal */
export const serviceAccountName = z
    .string()
    .max(253, { error: "expected at most 253 characters (a Kubernetes service account name)" })
    .regex(new RegExp(`^${serviceAccountPattern}$`), {
        error: "expected a service account name: lower-case letters, digits, '-' and '.'",
    });

const PRINCIPAL_FORMS = [
    // exact: <trustDomain>/ns/<namespace>/sa/<serviceAccount>
    `^${trustDomainPattern}/ns/${label}/sa/${serviceAccountPattern}$`,
    // any authenticated peer
    "^\\*$",
    // prefix: everything in a trust domain, or in one namespace of it
    `^${trustDomainPattern}/(ns/${label}/(sa/)?)?\\*$`,
    // suffix: a service account (or namespace and service account) in any trust domain
    `^\\*/(ns/${label}/)?sa/${serviceAccountPattern}$`,
].map((p) => new RegExp(p));

/** @internal */
export const principal = z.string().refine((p) => PRINCIPAL_FORMS.some((form) => form.test(p)), {
    error: 'expected a SPIFFE principal <trustDomain>/ns/<namespace>/sa/<serviceAccount> such as cluster.local/ns/default/sa/api-gateway, or Istio\'s "*", "<trustDomain>/ns/<namespace>/*" or "*/sa/<serviceAccount>" forms',
});

/** The SPIFFE identity Istio gives a workload running as `serviceAccount` in `namespace`. */
export function spiffePrincipal(trustDomainName: string, namespace: string, serviceAccount: string): string {
    return `${trustDomainName}/ns/${namespace}/sa/${serviceAccount}`;
}

/** @internal */
export const namespaceMatch = z
    .string()
    .regex(/^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\*|\*[-a-z0-9]*[a-z0-9])$/, {
        error: 'expected a namespace name, optionally with "*" at one end (prefix or suffix match), or "*"',
    });

// RFC 9110 methods plus PATCH (RFC 5789): what Envoy sees in :method, always upper case.
export const HttpMethod = {
    GET: "GET", HEAD: "HEAD", POST: "POST", PUT: "PUT", DELETE: "DELETE", CONNECT: "CONNECT", OPTIONS: "OPTIONS", TRACE: "TRACE", PATCH: "PATCH",
} as const;
/** An HTTP method, upper case as Envoy sees it. */
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];
export const HTTP_METHODS = Object.values(HttpMethod);

/** @internal */
export const httpMethod = z.enum(HttpMethod, {
    error: `expected an upper-case HTTP method, one of ${HTTP_METHODS.join(", ")}`,
});

// "*", a path with an optional trailing "*", or "*<suffix>"; the templates `{*}` (one segment)
// and `{**}` (the rest) must stand for whole segments.
const PATH_FORM = /^(\*|\/[^*]*\*?|\*[^*]*)$/;
const TEMPLATE_FORM = /^\/([^/*{}]+|\{\*\}|\{\*\*\})(\/([^/*{}]*|\{\*\}|\{\*\*\}))*$/;

/** @internal */
export const httpPath = z
    .string()
    .refine((p) => PATH_FORM.test(p.replace(/\{\*\*?\}/g, "x")) && (!p.includes("{") || TEMPLATE_FORM.test(p)), {
        error: 'expected a path starting with "/" (Istio allows "*" at one end, such as "/orders/*" or "*.json", and the {*} and {**} templates), or "*"',
    });

/** @internal */
export const port = z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(
        z.string().refine((p) => /^[0-9]+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535, {
            error: "expected a port number from 1 to 65535",
        }),
    );

/** @internal */
export const matchLabels = z
    .record(
        z.string().min(1, { error: "label keys cannot be empty" }).refine((k) => !k.includes("*"), { error: "label keys cannot hold wildcards" }),
        z.string().max(63).refine((v) => !v.includes("*"), { error: "label values cannot hold wildcards" }))
    .refine((labels) => Object.keys(labels).length > 0, { error: "expected at least one label, or the policy would select every workload" });

/** Istio's WorkloadSelector: the workloads a policy applies to, by pod labels. */
export interface WorkloadSelector {
    matchLabels: Record<string, string>;
}

/** @internal */
export const workloadSelector = schemaOf<WorkloadSelector>()(z.strictObject({ matchLabels }));
