import { z } from "zod";
import { duration } from "../common/duration";
import { labelSelector } from "../common/labels";
import { dnsLabel } from "../common/validation";
import { serviceHost, wildcardHost } from "./hosts";
import { count, INT32_MAX, nonEmptyText, portNumber, portSelector } from "./policy-args";
import { retryOn } from "./retry-on";

/**
 * Zod rules of a VirtualService's routes, in Istio's field names: matches,
 * destinations, fault injection, rewrites, redirects, headers, CORS, retries,
 * and TCP routes.
 */

// Subset names are DNS labels (Istio's validateSubsetName).
export const subsetName = dnsLabel;

// Envoy's regex engine is RE2: no look-around and no back-references.
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]/;
const regex = z
    .string()
    .min(1, { error: "expected a non-empty regular expression" })
    .max(1024, { error: "expected a regular expression of at most 1024 characters" })
    .refine((re) => !RE2_UNSUPPORTED.test(re), { error: "RE2 (Envoy's regex engine) has no look-around or back-references" })
    .refine((re) => { try { new RegExp(re); return true; } catch { return false; } }, { error: "expected a valid regular expression" });

/** Istio's StringMatch: exactly one of exact, prefix or regex. */
export const stringMatch = z
    .strictObject({
        exact: nonEmptyText.optional(),
        prefix: nonEmptyText.optional(),
        regex: regex.optional(),
    })
    .refine((m) => [m.exact, m.prefix, m.regex].filter((v) => v !== undefined).length === 1, {
        error: "expected exactly one of exact, prefix or regex",
    });

// Istio matches header names in lower case (HTTP/2 sends them so). At an ingress gateway,
// `@request.auth.claims.<claim>[.<nested>]` matches a claim of the validated JWT instead.
const headerName = z.string().regex(/^([a-z0-9!#$%&'*+.^_`|~-]+|@request\.auth\.claims(\.[^.\s]+)+)$/, {
    error: "expected a lower-case HTTP header name such as x-user-type, or a JWT claim as @request.auth.claims.<claim>",
});

// A gateway a route is bound to: `mesh` (the sidecars), `<name>` or `<namespace>/<name>`.
export const gatewayName = z.string().regex(/^(mesh|([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/, {
    error: "expected mesh or a Gateway as <namespace>/<name>",
});

const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: "expected at least one entry (leave the field out instead)" });

/** Istio's HTTPMatchRequest. */
export const httpMatch = z
    .strictObject({
        name: nonEmptyText.optional(),
        headers: z.record(headerName, stringMatch).optional(),
        withoutHeaders: z.record(headerName, stringMatch).optional(),
        uri: stringMatch.optional(),
        method: stringMatch.optional(),
        queryParams: z.record(nonEmptyText, stringMatch).optional(),
        ignoreUriCase: z.boolean().optional(),
        port: portNumber.optional(),
        sourceLabels: labelSelector.optional(),
        sourceNamespace: dnsLabel.optional(),
        gateways: nonEmptyList(gatewayName).optional(),
    })
    .refine((m) => Object.entries(m).some(([k, v]) => k !== "name" && k !== "ignoreUriCase" && v !== undefined && !(typeof v === "object" && Object.keys(v).length === 0)), {
        error: "expected something to match on (headers, withoutHeaders, uri, method, queryParams, port, sourceLabels, sourceNamespace or gateways)",
    })
    .refine((m) => !m.ignoreUriCase || m.uri !== undefined, { error: "ignoreUriCase needs uri", path: ["ignoreUriCase"] });

/** Istio's Destination; the service's own host when `host` is left out. */
export const destination = z.strictObject({
    host: serviceHost.optional(),
    subset: subsetName.optional(),
    port: portSelector.optional(),
});

const headerOperations = z
    .strictObject({
        set: z.record(nonEmptyText, z.string()).optional(),
        add: z.record(nonEmptyText, z.string()).optional(),
        remove: nonEmptyList(nonEmptyText).optional(),
    })
    .refine((o) => Object.keys(o).length > 0, { error: "expected set, add or remove" });

export const headers = z
    .strictObject({ request: headerOperations.optional(), response: headerOperations.optional() })
    .refine((h) => h.request !== undefined || h.response !== undefined, { error: "expected request or response" });

/** Istio's Percent: 0 or 0.0001 (one in a million) to 100. */
export const percentage = z.strictObject({
    value: z
        .number()
        .min(0, { error: "expected a percentage from 0 to 100" })
        .max(100, { error: "expected a percentage from 0 to 100" })
        .refine((v) => v === 0 || v >= 0.0001, { error: "expected 0 or at least 0.0001" }),
});

// The status codes Envoy can send for an abort.
const httpStatus = z.number().int().min(200, { error: "expected an HTTP status from 200 to 599" }).max(599, { error: "expected an HTTP status from 200 to 599" });
const GRPC_STATUS = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"] as const;

export const fault = z
    .strictObject({
        delay: z.strictObject({ fixedDelay: duration, percentage: percentage.optional() }).optional(),
        abort: z
            .strictObject({
                httpStatus: httpStatus.optional(),
                grpcStatus: z.string().refine((g) => (GRPC_STATUS as readonly string[]).includes(g), { error: `expected a gRPC status name: ${GRPC_STATUS.join(", ")}` }).optional(),
                percentage: percentage.optional(),
            })
            .refine((a) => (a.httpStatus === undefined) !== (a.grpcStatus === undefined), { error: "expected exactly one of httpStatus or grpcStatus" })
            .optional(),
    })
    .refine((f) => f.delay !== undefined || f.abort !== undefined, { error: "expected delay or abort" });

export const rewrite = z
    .strictObject({
        uri: z.string().optional(),
        authority: nonEmptyText.optional(),
        uriRegexRewrite: z.strictObject({ match: regex, rewrite: z.string() }).optional(),
    })
    .refine((r) => r.uri !== undefined || r.authority !== undefined || r.uriRegexRewrite !== undefined, { error: "expected uri, authority or uriRegexRewrite" })
    .refine((r) => !(r.uri !== undefined && r.uriRegexRewrite !== undefined), { error: "expected uri or uriRegexRewrite, not both" });

export const redirect = z
    .strictObject({
        uri: nonEmptyText.optional(),
        authority: nonEmptyText.optional(),
        port: portNumber.optional(),
        scheme: z.string().refine((v) => v === "http" || v === "https", { error: "expected http or https" }).optional(),
        redirectCode: z.number().int().refine((c) => [301, 302, 303, 307, 308].includes(c), { error: "expected 301, 302, 303, 307 or 308" }).optional(),
    })
    .refine((r) => Object.keys(r).length > 0, { error: "expected uri, authority, port, scheme or redirectCode" });

export const corsPolicy = z.strictObject({
    allowOrigins: nonEmptyList(stringMatch).optional(),
    allowMethods: nonEmptyList(z.string().regex(/^[A-Z]+$|^\*$/, { error: "expected an upper-case HTTP method or *" })).optional(),
    allowHeaders: nonEmptyList(nonEmptyText).optional(),
    exposeHeaders: nonEmptyList(nonEmptyText).optional(),
    maxAge: duration.optional(),
    allowCredentials: z.boolean().optional(),
});

export const retries = z
    .strictObject({
        attempts: count(INT32_MAX),
        perTryTimeout: duration.optional(),
        retryOn: retryOn.optional(),
    })
    .refine((r) => r.attempts > 0 || (r.perTryTimeout === undefined && r.retryOn === undefined), {
        error: "attempts: 0 turns retries off; perTryTimeout and retryOn need attempts of 1 or more",
    });

/** A destination's share of traffic, 0 to 100. */
export const weight = z
    .number()
    .int({ error: "expected a whole-number weight" })
    .min(0, { error: "expected a weight from 0 to 100" })
    .max(100, { error: "expected a weight from 0 to 100" });

function weightsAddUp(destinations: Array<{ weight?: number }>, ctx: z.RefinementCtx): void {
    if (destinations.length < 2) return;
    if (destinations.some((d) => d.weight === undefined)) {
        ctx.addIssue({ code: "custom", message: "with several destinations, give each a weight" });
        return;
    }
    const sum = destinations.reduce((a, d) => a + (d.weight ?? 0), 0);
    if (sum !== 100) ctx.addIssue({ code: "custom", message: `weights must add up to 100, they add up to ${sum}` });
}

const routeDestination = z.strictObject({ destination, weight: weight.optional(), headers: headers.optional() });

/** What every HTTP route of a service may carry, and a route may set for itself. */
export const routeSettings = {
    timeout: duration.optional(),
    retries: retries.optional(),
    fault: fault.optional(),
    headers: headers.optional(),
    corsPolicy: corsPolicy.optional(),
};

/** A rule ahead of the default route; exactly one of subset, route or redirect says where requests go. */
export const httpRoute = z
    .strictObject({
        name: nonEmptyText.optional(),
        match: nonEmptyList(httpMatch).optional(),
        subset: subsetName.optional(),
        route: nonEmptyList(routeDestination).superRefine(weightsAddUp).optional(),
        redirect: redirect.optional(),
        rewrite: rewrite.optional(),
        ...routeSettings,
        mirror: destination.optional(),
        mirrorPercentage: percentage.optional(),
    })
    .refine((r) => [r.subset, r.route, r.redirect].filter((v) => v !== undefined).length === 1, {
        error: "expected exactly one of subset (a version), route (destinations) or redirect",
    })
    .refine((r) => !(r.redirect && r.rewrite), { error: "a redirect cannot be rewritten (Istio refuses both)", path: ["rewrite"] })
    .refine((r) => !(r.redirect && (r.mirror || r.fault || r.retries || r.timeout)), {
        error: "a redirect answers at once: no mirror, fault, retries or timeout", path: ["redirect"],
    })
    .refine((r) => !r.mirrorPercentage || r.mirror, { error: "needs mirror (where the copies go)", path: ["mirrorPercentage"] });

// What a TCP and a TLS route match on besides the TLS route's SNI.
const l4MatchFields = {
    port: portNumber.optional(),
    destinationSubnets: nonEmptyList(z.string().regex(/^[0-9.:a-fA-F]+(\/[0-9]{1,3})?$/, { error: "expected an IP or CIDR such as 10.0.0.0/16" })).optional(),
    sourceLabels: labelSelector.optional(),
    sourceNamespace: dnsLabel.optional(),
    gateways: nonEmptyList(gatewayName).optional(),
};

const l4Route = nonEmptyList(z.strictObject({ destination, weight: weight.optional() })).superRefine(weightsAddUp);

/** Istio's TCPRoute. */
export const tcpRoute = z.strictObject({
    match: nonEmptyList(z
        .strictObject(l4MatchFields)
        .refine((m) => Object.keys(m).length > 0, { error: "expected something to match on" })).optional(),
    route: l4Route,
});

/**
 * Istio's TLSRoute: unterminated TLS (HTTPS passed through, or sent on by an
 * egress gateway) routed by the SNI the client sends. Istio needs the SNI in
 * every match: without it nothing tells two TLS hosts apart.
 */
export const tlsRoute = z.strictObject({
    match: nonEmptyList(z.strictObject({
        sniHosts: z.array(wildcardHost, { error: "expected the SNI hosts this match is for: Istio needs sniHosts in every TLS match" })
            .min(1, { error: "expected at least one SNI host" }),
        ...l4MatchFields,
    })),
    route: l4Route,
});
