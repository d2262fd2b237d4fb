import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import type { IstioObject } from "../security/istio-object";
import { wildcardHost } from "../traffic/hosts";
import { NETWORKING_API_VERSION } from "./service-entry";

/**
 * A namespace's Sidecar (named `default`, no workload selector): which hosts
 * its proxies know. In a large mesh every proxy otherwise holds the routes of
 * every service; listing what a namespace calls keeps its proxies small.
 */

export const SIDECAR_NAME = "default";

export const OutboundTrafficPolicyMode = { ALLOW_ANY: "ALLOW_ANY", REGISTRY_ONLY: "REGISTRY_ONLY" } as const;
/** What a proxy does with a host it does not know: pass it through, or refuse it. */
export type OutboundTrafficPolicyMode = (typeof OutboundTrafficPolicyMode)[keyof typeof OutboundTrafficPolicyMode];

/** @internal */
export const outboundTrafficPolicyMode = z.enum(OutboundTrafficPolicyMode, {
    error: `expected one of ${Object.values(OutboundTrafficPolicyMode).join(", ")}`,
});

/** Istio's IstioEgressListener, the hosts only. */
export interface EgressListener {
    /** `<namespace>/<host>`, such as `./*` (own namespace), `istio-system/*` or `~/*` (nothing); `*` as the namespace means any. */
    hosts: string[];
}

/** Istio's OutboundTrafficPolicy. */
export interface OutboundTrafficPolicy {
    mode: OutboundTrafficPolicyMode;
}

/** A namespace's Sidecar. */
export interface NamespaceSidecarArgs {
    egress: EgressListener[];
    /**
     * Overrides the mesh's outboundTrafficPolicy for this namespace.
     * @default the mesh's (Istio's default: `ALLOW_ANY`)
     * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#OutboundTrafficPolicy
     */
    outboundTrafficPolicy?: OutboundTrafficPolicy;
}

const egressHost = z.string().refine((h) => {
    const slash = h.indexOf("/");
    if (slash < 0) return false;
    const [ns, host] = [h.slice(0, slash), h.slice(slash + 1)];
    return (["*", ".", "~"].includes(ns) || dnsLabel.safeParse(ns).success) && wildcardHost.safeParse(host).success;
}, { error: "expected <namespace>/<host>: namespace a name, . (own), * (any) or ~ (none); host a DNS name or wildcard such as ./* or istio-system/*" });

/** @internal */
export const namespaceSidecarSchema = schemaOf<NamespaceSidecarArgs>()(z.strictObject({
    egress: z.array(z.strictObject({ hosts: z.array(egressHost).min(1, { error: "expected at least one host" }) }))
        .min(1, { error: "expected at least one egress listener" }),
    outboundTrafficPolicy: z.strictObject({ mode: outboundTrafficPolicyMode }).optional(),
}));

export function namespaceSidecar(namespace: string, args: NamespaceSidecarArgs): IstioObject {
    const what = `Sidecar ${namespace}/${SIDECAR_NAME}`;
    parseArgs(dnsLabel, namespace, `${what} namespace`);
    const spec = parseArgs(namespaceSidecarSchema, args, what);
    return { apiVersion: NETWORKING_API_VERSION, kind: "Sidecar", metadata: { name: SIDECAR_NAME, namespace }, spec };
}
