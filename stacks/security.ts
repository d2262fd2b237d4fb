import { z } from "zod";
import { dnsLabel } from "../components/common/validation";
import { authorizationPolicySchema } from "../components/security/authorization-policy";
import { certificateAuthorityConfigSchema } from "../components/security/certificate-authority-values";
import { trustDomain } from "../components/security/match";
import { mtlsSchema } from "../components/security/peer-authentication";

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
        policies: z.record(dnsLabel, authorizationPolicySchema).default({}),
    }),
    ca: certificateAuthorityConfigSchema,
});
