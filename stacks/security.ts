import { z } from "zod";
import { dnsLabel, dnsSubdomain } from "../components/common/validation";
import { authorizationPolicySchema } from "../components/security/authorization-policy";
import { certificateAuthorityConfigSchema } from "../components/security/certificate-authority-values";
import { trustDomain } from "../components/security/match";
import { mtlsSchema } from "../components/security/peer-authentication";
import { requestAuthenticationSchema } from "../components/security/request-authentication";
import { extAuthzProviderSchema } from "../components/security/ext-authz";

/**
 * `istio-mesh:security`: mTLS, authorization and the mesh CA. The component
 * schemas are reused as they are, so config and component arguments are
 * checked by the same rules.
 */
export const securitySchema = z.strictObject({
    /** meshConfig.trustDomain: the first segment of every workload's SPIFFE identity. */
    trustDomain,
    mtls: mtlsSchema,
    authorization: z.strictObject({
        /** Give every injected namespace (`istio-mesh:namespaces`) an allow-nothing policy. */
        denyByDefault: z.boolean(),
        /** Namespaces that get the allow-nothing policy whatever denyByDefault says. */
        allowNothing: z.array(dnsLabel).default([]),
        policies: z.record(dnsSubdomain, authorizationPolicySchema).default({}),
    }),
    /** RequestAuthentications by name: the JWTs a workload or namespace accepts. */
    requestAuthentication: z.record(dnsLabel, requestAuthenticationSchema).default({}),
    /** meshConfig.extensionProviders for CUSTOM authorization, by name. */
    extAuthz: z.record(dnsLabel, extAuthzProviderSchema).default({}),
    ca: certificateAuthorityConfigSchema,
});

/** Every CUSTOM policy's provider is one this config declares (istiod refuses an unknown one). */
export function customProviderProblems(security: z.infer<typeof securitySchema>): Array<{ path: PropertyKey[]; message: string }> {
    const declared = Object.keys(security.extAuthz);
    return Object.entries(security.authorization.policies)
        .filter(([, p]) => p.provider !== undefined && !declared.includes(p.provider.name))
        .map(([name, p]) => ({
            path: ["security", "authorization", "policies", name, "provider", "name"],
            message: `${p.provider!.name} is not an extension provider of istio-mesh:security.extAuthz (declared: ${declared.join(", ") || "none"})`,
        }));
}
