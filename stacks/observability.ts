import type { ProxyDefaults } from "../components/mesh/helm-values";
import type { ObservabilityAddonsArgs } from "../components/observability/observability-addons";
import type { ObservabilitySettings } from "./observability-schema";

/** Name by which the Telemetry resource selects the Jaeger extension provider in istiod's meshConfig. */
export const TRACING_PROVIDER = "jaeger";

/** `observability` config -> ObservabilityAddons args: disabled addons are left out, stack-only keys dropped. */
export function addonArgs(o: ObservabilitySettings): Pick<ObservabilityAddonsArgs, "prometheus" | "jaeger" | "kiali"> {
    const { enabled: prometheusOn, ...prometheus } = o.prometheus;
    const { enabled: jaegerOn, ...jaeger } = o.jaeger;
    const { enabled: kialiOn, allowAnonymous, ...kiali } = o.kiali;
    return {
        prometheus: prometheusOn ? prometheus : undefined,
        jaeger: jaegerOn ? jaeger : undefined,
        kiali: kialiOn ? kiali : undefined,
    };
}

export function proxyDefaults(o: ObservabilitySettings): ProxyDefaults {
    return { resources: o.proxy.resources };
}
