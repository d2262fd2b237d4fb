import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import type { IstioObject } from "./istio-object";
import { WorkloadSelector, workloadSelector } from "./match";

/**
 * RequestAuthentication: which JWTs a workload (or namespace) accepts. It only
 * rejects bad tokens; a request without a token still passes until an
 * AuthorizationPolicy asks for `requestPrincipals`.
 */

const API_VERSION = "security.istio.io/v1";

/** Istio's ClaimToHeader: copy a claim of a valid token into a request header. */
export interface ClaimToHeader {
    header: string;
    claim: string;
}

/** Istio's JWTRule. */
export interface JwtRule {
    issuer: string;
    /**
     * Where the signing keys are published; or `jwks`, the key set inline.
     * @default none: Istio's (found by OpenID Discovery of the issuer)
     * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule-jwks_uri
     */
    jwksUri?: string;
    /**
     * The key set inline, as JSON: `{"keys": [...]}`; not with `jwksUri`.
     * @default none (`jwksUri`, or OpenID Discovery of the issuer)
     * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule-jwks
     */
    jwks?: string;
    /**
     * `aud` claims accepted, any one of them.
     * @default Istio's: the service's name only
     * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule-audiences
     */
    audiences?: string[];
    /**
     * Keep the token in the request passed on to the workload.
     * @default Istio's: `false` (the token is taken out)
     * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule-forward_original_token
     */
    forwardOriginalToken?: boolean;
    /**
     * Claims copied into request headers.
     * @default none (no claim is copied)
     * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule-output_claim_to_headers
     */
    outputClaimToHeaders?: ClaimToHeader[];
}

/** One RequestAuthentication. */
export interface RequestAuthenticationArgs {
    namespace: string;
    /**
     * The workloads it applies to; every workload of the namespace when left out.
     * @default every workload of the namespace (Istio's, without a selector)
     * @see https://istio.io/latest/docs/reference/config/security/request_authentication/#RequestAuthentication-selector
     */
    selector?: WorkloadSelector;
    jwtRules: JwtRule[];
}

const jwtRule = z
    .strictObject({
        issuer: z.string().min(1, { error: "expected the token issuer (its iss claim)" }),
        jwksUri: z.url({ protocol: /^https?$/, error: "expected an http(s) URL of the key set" }).optional(),
        jwks: z.string().refine((j) => { try { return Array.isArray(JSON.parse(j).keys); } catch { return false; } }, {
            error: "expected a JSON Web Key Set: {\"keys\": [...]}",
        }).optional(),
        audiences: z.array(z.string().min(1)).min(1).optional(),
        forwardOriginalToken: z.boolean().optional(),
        outputClaimToHeaders: z.array(z.strictObject({
            header: z.string().regex(/^[-_A-Za-z0-9]+$/, { error: "expected a header name such as x-jwt-claim-foo" }),
            claim: z.string().min(1, { error: "expected a claim name" }),
        })).min(1).optional(),
    })
    .refine((r) => !(r.jwksUri !== undefined && r.jwks !== undefined), { error: "expected jwksUri or jwks, not both" });

/** @internal */
export const requestAuthenticationSchema = schemaOf<RequestAuthenticationArgs>()(z.strictObject({
    namespace: dnsLabel,
    selector: workloadSelector.optional(),
    jwtRules: z.array(jwtRule).min(1, { error: "expected at least one JWT rule" })
        .refine((rs) => new Set(rs.map((r) => r.issuer)).size === rs.length, { error: "expected each issuer once" }),
}));

export function requestAuthentication(name: string, args: RequestAuthenticationArgs): IstioObject {
    const what = `RequestAuthentication ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const { namespace, ...spec } = parseArgs(requestAuthenticationSchema, args, what);
    return { apiVersion: API_VERSION, kind: "RequestAuthentication", metadata: { name, namespace }, spec };
}
