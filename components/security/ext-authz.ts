import { z } from "zod";
import { dnsLabel, schemaOf } from "../common/validation";
import { portNumber } from "../traffic/policy-args";

/**
 * An external authorizer for CUSTOM AuthorizationPolicies: an entry of
 * meshConfig.extensionProviders (Envoy's ext_authz filter over HTTP or gRPC).
 */

/** Istio's EnvoyExternalAuthorizationHttpProvider / GrpcProvider, the common parts. */
export interface ExtAuthzService {
    /** The authorizer's service, as an FQDN such as ext-authz.foo.svc.cluster.local. */
    service: string;
    port: number;
    /** HTTP only: request headers sent to the authorizer. */
    includeRequestHeadersInCheck?: string[];
    /** HTTP only: authorizer response headers added to the allowed request. */
    headersToUpstreamOnAllow?: string[];
    /** HTTP only: authorizer response headers returned on a denial. */
    headersToDownstreamOnDeny?: string[];
}

/** One external authorizer: over HTTP or over gRPC. */
export interface ExtAuthzProvider {
    envoyExtAuthzHttp?: ExtAuthzService;
    envoyExtAuthzGrpc?: ExtAuthzService;
}

const headers = z.array(z.string().min(1)).min(1).optional();
const service = z.strictObject({
    service: z.string().min(1, { error: "expected the authorizer's service host" }),
    port: portNumber,
    includeRequestHeadersInCheck: headers,
    headersToUpstreamOnAllow: headers,
    headersToDownstreamOnDeny: headers,
});

/** @internal */
export const extAuthzProviderSchema = schemaOf<ExtAuthzProvider>()(z
    .strictObject({ envoyExtAuthzHttp: service.optional(), envoyExtAuthzGrpc: service.optional() })
    .refine((p) => (p.envoyExtAuthzHttp === undefined) !== (p.envoyExtAuthzGrpc === undefined), {
        error: "expected exactly one of envoyExtAuthzHttp or envoyExtAuthzGrpc",
    })
    .refine((p) => p.envoyExtAuthzGrpc === undefined || Object.keys(p.envoyExtAuthzGrpc).every((k) => k === "service" || k === "port"), {
        error: "a gRPC authorizer takes service and port only",
    }));

/** The meshConfig.extensionProviders entries of the named providers. */
export function extAuthzExtensionProviders(providers: Record<string, ExtAuthzProvider>): Array<Record<string, unknown>> {
    return Object.entries(providers).map(([name, p]) => {
        dnsLabel.parse(name);
        return { name, ...p };
    });
}
