import type { MeshConfig } from "../components/mesh/helm-values";
import { jaegerCollector } from "../components/observability/observability-addons";
import { tracingMeshConfig } from "../components/observability/tracing";
import { extAuthzExtensionProviders } from "../components/security/ext-authz";
import { TRACING_PROVIDER } from "./observability";
import type { Environment } from "./schema";

/**
 * istiod's meshConfig from every section that has a say: tracing (its
 * extension provider), egress (outboundTrafficPolicy) and security (the
 * extension providers of CUSTOM authorization). Extension providers from
 * several sections are one list.
 */
export function meshConfigOf(env: Pick<Environment, "istio" | "observability" | "egress" | "security">): MeshConfig {
    const tracing = env.observability.tracing.enabled
        ? tracingMeshConfig({ name: TRACING_PROVIDER, ...jaegerCollector(env.istio.namespace) })
        : {};
    const providers = [...((tracing.extensionProviders as MeshConfig[] | undefined) ?? []), ...extAuthzExtensionProviders(env.security.extAuthz)];
    return {
        ...tracing,
        outboundTrafficPolicy: { mode: env.egress.outboundTrafficPolicy },
        ...(providers.length > 0 && { extensionProviders: providers }),
    };
}
