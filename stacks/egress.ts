import { z } from "zod";
import { dnsLabel } from "../components/common/validation";
import { serviceEntrySchema } from "../components/egress/service-entry";
import { namespaceSidecarSchema, outboundTrafficPolicyMode } from "../components/egress/sidecar";

/**
 * `istio-mesh:egress`: what may leave the mesh. The component schemas are
 * reused as they are, so config and component arguments follow one rule.
 */
export const egressSchema = z.strictObject({
    /** meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY refuses hosts that are not in the registry. */
    outboundTrafficPolicy: outboundTrafficPolicyMode,
    serviceEntries: z.record(dnsLabel, serviceEntrySchema).default({}),
    /** Namespace -> its Sidecar (the hosts its proxies know). */
    sidecars: z.record(dnsLabel, namespaceSidecarSchema).default({}),
});

export type EgressSettings = z.infer<typeof egressSchema>;
