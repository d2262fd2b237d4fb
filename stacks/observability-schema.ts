import { z } from "zod";
import { resourceRequirements } from "../components/common/validation";
import { jaegerSettingsSchema } from "../components/observability/jaeger-values";
import { kialiSettingsSchema } from "../components/observability/kiali-values";
import { prometheusSettingsSchema } from "../components/observability/prometheus-values";
import { randomSamplingPercentage } from "../components/observability/tracing";

/**
 * `istio-mesh:observability`: the addons, mesh tracing and sidecar defaults.
 * The addon blocks reuse the builders' own schemas, so the stack and the
 * component reject the same values with the same words.
 */
export const observabilitySchema = z
    .strictObject({
        tracing: z.strictObject({
            enabled: z.boolean(),
            randomSamplingPercentage,
        }),
        proxy: z.strictObject({
            resources: resourceRequirements.optional(),
        }),
        prometheus: prometheusSettingsSchema.extend({ enabled: z.boolean() }),
        jaeger: jaegerSettingsSchema.extend({ enabled: z.boolean() }),
        kiali: kialiSettingsSchema.extend({
            enabled: z.boolean(),
            // A profile's guard rather than a branch on its name: production presets false.
            allowAnonymous: z.boolean(),
        }),
    })
    .refine((o) => !o.tracing.enabled || o.jaeger.enabled, {
        error: "tracing sends spans to the Jaeger addon: enable jaeger too, or set tracing.enabled to false",
        path: ["tracing", "enabled"],
    })
    .refine((o) => !o.kiali.enabled || o.prometheus.enabled, {
        error: "Kiali builds its graph from Prometheus: enable prometheus too, or set kiali.enabled to false",
        path: ["kiali", "enabled"],
    })
    .refine((o) => o.kiali.auth.strategy !== "anonymous" || o.kiali.allowAnonymous, {
        error: "anonymous access is not allowed here (kiali.allowAnonymous is false, as in the production profile); use token or openid",
        path: ["kiali", "auth", "strategy"],
    });

export type ObservabilitySettings = z.infer<typeof observabilitySchema>;
