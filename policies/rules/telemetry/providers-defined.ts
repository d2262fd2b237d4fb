import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { ofKind, Telemetry } from "../lib/kinds";
import { istioCharts, meshConfigs } from "../lib/mesh";
import { asList, describe, isObj } from "../lib/objects";

/** Extension providers that Istio's chart profiles add to meshConfig (test/policies checks them against the profiles). */
export const PROFILE_PROVIDERS: Record<string, string[]> = { demo: ["otel", "skywalking", "otel-tracing", "jaeger"] };

const configSchema = {
    properties: {
        builtinProviders: stringList("Providers istiod's default meshConfig defines without extensionProviders.", ["prometheus", "stackdriver", "envoy"]),
    },
};

export const telemetryProviders: MeshStackPolicy = {
    name: "telemetry-providers-defined",
    description: "Every provider a Telemetry resource names is defined in meshConfig.extensionProviders (related: istioctl IST0157).",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["observability"],
        why: "istiod ignores unknown providers",
        messages: [MESSAGES.TelemetryProviderUndefined],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/telemetry/",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { builtinProviders } = configWithDefaults<{ builtinProviders: string[] }>(args, configSchema);
        const defined = new Set(builtinProviders);
        for (const mesh of meshConfigs(args.resources)) {
            for (const p of asList(mesh.extensionProviders)) if (isObj(p) && typeof p.name === "string") defined.add(p.name);
        }
        for (const c of istioCharts(args.resources)) {
            if (c.chart === "istiod" && !c.values.meshConfig?.extensionProviders) (PROFILE_PROVIDERS[c.values.profile] ?? []).forEach((p) => defined.add(p));
        }
        for (const t of ofKind(args.resources, Telemetry)) {
            for (const section of ["tracing", "accessLogging", "metrics"]) {
                asList(t.props.spec?.[section]).forEach((entry, i) => {
                    for (const provider of asList(entry?.providers)) {
                        if (typeof provider?.name !== "string" || defined.has(provider.name)) continue;
                        report(reportViolation, MESSAGES.TelemetryProviderUndefined, {
                            subject: describe(t), section, index: i, provider: provider.name, defined: [...defined].join(", "),
                        }, t.urn);
                    }
                });
            }
        }
    },
};
