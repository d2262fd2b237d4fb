import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, quantity, ResourceRequirements, resourceRequirements, schemaOf } from "../common/validation";
import type { HelmValues } from "../mesh/helm-values";
import type { ChartRef } from "../common/chart-source";
import { withoutSidecar } from "./injection-opt-out";

/**
 * Helm values for prometheus-community's `prometheus` chart, shaped like
 * Istio's sample addon (which is rendered from this chart): the server only,
 * named after the release, on port 9090, scraping every 15s. Its default
 * scrape jobs already collect the sidecars' merged metrics (prometheus.io
 * pod annotations), which is all Kiali's graph needs.
 */
export const PROMETHEUS_CHART: ChartRef = {
    chart: "prometheus",
    version: "29.27.0",
    repository: "https://prometheus-community.github.io/helm-charts",
};

export const PROMETHEUS_PORT = 9090;

/** Prometheus' storage volume. */
export interface PrometheusVolume {
    enabled: boolean;
    /**
     * Size of the claim, such as `8Gi`; the chart's default when omitted.
     * @default the chart's: 8Gi
     * @see https://istio.io/latest/docs/ops/integrations/prometheus/
     */
    size?: string;
}

/** Prometheus as a stack or caller chooses it; the release name is the component's. */
export interface PrometheusSettings {
    /** How long samples are kept, in Prometheus' duration format (`15d`, `6h`). */
    retention: string;
    persistentVolume: PrometheusVolume;
    /**
     * Compute resources of the Prometheus server.
     * @default none: the chart's (no requests or limits)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    resources?: ResourceRequirements;
}

/** @internal */
export const prometheusSettingsSchema = schemaOf<PrometheusSettings>()(z.strictObject({
    retention: z.string().regex(/^[0-9]+(y|w|d|h|m)$/, { error: "expected a duration such as 15d or 6h" }),
    persistentVolume: z.strictObject({ enabled: z.boolean(), size: quantity.optional() }),
    resources: resourceRequirements.optional(),
}));

const argsSchema = prometheusSettingsSchema.extend({ release: dnsLabel });

/** @internal */
export type PrometheusValuesArgs = z.infer<typeof argsSchema>;

/** The server Service: `server.fullnameOverride` makes it the release name, as in Istio's sample. */
export function prometheusServiceName(release: string): string {
    return release;
}

/** @internal */
export function prometheusValues(args: PrometheusValuesArgs): HelmValues {
    const { release, retention, persistentVolume, resources } = parseArgs(argsSchema, args, `Prometheus ${args.release}`);
    return {
        // Kiali needs the server only; Istio's sample turns the rest off too.
        alertmanager: { enabled: false },
        "kube-state-metrics": { enabled: false },
        "prometheus-node-exporter": { enabled: false },
        "prometheus-pushgateway": { enabled: false },
        server: {
            fullnameOverride: prometheusServiceName(release),
            podLabels: withoutSidecar(),
            global: { scrape_interval: "15s" },
            retention,
            persistentVolume: {
                enabled: persistentVolume.enabled,
                ...(persistentVolume.size ? { size: persistentVolume.size } : {}),
            },
            service: { type: "ClusterIP", servicePort: PROMETHEUS_PORT },
            ...(resources ? { resources } : {}),
        },
    };
}
