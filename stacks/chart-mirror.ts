import * as fs from "fs";
import { ChartRef, mirrorKind, packagedChartPath } from "../components/common/chart-source";
import { JAEGER_CHART } from "../components/observability/jaeger-values";
import { KIALI_CHART } from "../components/observability/kiali-values";
import { PROMETHEUS_CHART } from "../components/observability/prometheus-values";
import { ISTIO_CSR_RELEASE } from "../components/security/certificate-authority-values";
import { configKey } from "./errors";
import type { Environment } from "./schema";

/** Every chart this stack installs, at the versions it pins. */
export function stackCharts(env: Environment): ChartRef[] {
    const istio = (chart: string): ChartRef => ({ chart, version: env.istio.version, repository: env.istio.repository });
    const charts = [istio("base"), istio("istiod")];
    if (env.istio.cni) charts.push(istio("cni"));
    if (env.istio.gateway.enabled) charts.push(istio("gateway"));
    const { ca } = env.security;
    if (ca.enabled) {
        charts.push({ chart: "cert-manager", version: ca.certManager.version, repository: ca.certManager.repository });
        charts.push({ chart: ISTIO_CSR_RELEASE, version: ca.istioCsr.version, repository: ca.certManager.repository });
    }
    const o = env.observability;
    if (o.prometheus.enabled) charts.push(PROMETHEUS_CHART);
    if (o.jaeger.enabled) charts.push(JAEGER_CHART);
    if (o.kiali.enabled) charts.push(KIALI_CHART);
    return charts;
}

/**
 * A folder mirror must hold every chart before anything is registered: a chart
 * missing halfway through `pulumi up` would leave the mesh half installed.
 * Repository mirrors are asked by Helm at deploy time.
 */
export function chartMirrorProblems(env: Environment, exists: (file: string) => boolean = fs.existsSync): string[] {
    const mirror = env.charts.mirror;
    if (mirror === undefined || mirrorKind(mirror) !== "directory") return [];
    const key = configKey(["charts", "mirror"]);
    const missing = stackCharts(env)
        .map((c) => packagedChartPath(mirror, c.chart, c.version))
        .filter((file) => !exists(file));
    return missing.map((file) => `${key}: the mirror folder has no ${file} (a packaged chart, as \`helm package\` names it)`);
}
