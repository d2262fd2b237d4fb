import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { randomBytes } from "crypto";
import { chartSource, type ChartRef } from "../common/chart-source";
import { ArgsError, componentArgs, inComponent } from "../common/parse-args";
import { dashboard, Dashboard } from "./dashboards";
import { badgerClaimName, JAEGER_BASE_PATH, JAEGER_CHART, JAEGER_PORTS, jaegerServiceName, jaegerValues, JaegerSettings } from "./jaeger-values";
import { KIALI_CHART, KIALI_PORT, KIALI_WEB_ROOT, kialiValues, KialiSettings } from "./kiali-values";
import { PROMETHEUS_CHART, PROMETHEUS_PORT, prometheusServiceName, prometheusValues, PrometheusSettings } from "./prometheus-values";

/** Helm release names: the charts name their Services after them (see the *-values.ts builders). */
export const ADDON_RELEASES = { prometheus: "prometheus", jaeger: "jaeger", kiali: "kiali" } as const;

/** Where Istio sends spans: the OTLP gRPC port of the Jaeger Service in `namespace`. */
export function jaegerCollector(namespace: string): { service: string; port: number } {
    return { service: `${jaegerServiceName(ADDON_RELEASES.jaeger)}.${namespace}.svc.cluster.local`, port: JAEGER_PORTS.otlpGrpc };
}

/**
 * Kiali's session signing key, made once: a random key in a Secret whose data
 * later runs never change (ignoreChanges), referenced from the chart as
 * `secret:<name>:key`, which the chart mounts. The key stays out of config,
 * and the Secret's name, hence the rendered config, never changes.
 */
function kialiSigningKey(resourceName: string, namespace: pulumi.Input<string>, parent: pulumi.Resource, dependsOn: pulumi.ResourceOptions["dependsOn"]) {
    const secretName = `${ADDON_RELEASES.kiali}-signing-key`;
    const secret = new k8s.core.v1.Secret(resourceName, {
        metadata: { name: secretName, namespace },
        // 24 random bytes are 32 base64url characters, a key length Kiali takes (AES-256).
        stringData: { key: pulumi.secret(randomBytes(24).toString("base64url")) },
    }, { parent, dependsOn, ignoreChanges: ["stringData", "data"], additionalSecretOutputs: ["data", "stringData"] });
    // From the Secret's output, so the chart whose pod mounts it waits for it.
    return secret.metadata.name.apply((n) => `secret:${n}:key`);
}

export interface ObservabilityAddonsArgs {
    /** Istio's root namespace: the addons run there, without sidecars, like Istio's samples. */
    namespace: pulumi.Input<string>;
    /**
     * Each addon is installed only when given. Kiali needs Prometheus.
     * @default none (no Prometheus)
     * @see https://istio.io/latest/docs/ops/integrations/prometheus/
     */
    prometheus?: PrometheusSettings;
    /**
     * Jaeger, the tracing backend; its OTLP port is what tracingMeshConfig points istiod at (see jaegerCollector).
     * @default none (no Jaeger)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    jaeger?: JaegerSettings;
    /**
     * Kiali, the mesh console; needs `prometheus`.
     * @default none (no Kiali)
     * @see https://istio.io/latest/docs/ops/integrations/kiali/
     */
    kiali?: KialiSettings;
    /**
     * kubeconfig context for the dashboard commands.
     * @default none: kubectl's current context
     * @see https://istio.io/latest/docs/tasks/observability/kiali/
     */
    kubeContext?: string;
    /**
     * A mirror for the addons' charts: an `oci://` or `http(s)://` Helm repository,
     * or a folder of packaged charts (`<chart>-<version>.tgz`).
     * @default none (each chart's public repository)
     * @see https://istio.io/latest/docs/ops/integrations/
     */
    chartMirror?: string;
}

const TYPE = "istio-mesh:observability:ObservabilityAddons";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof ObservabilityAddonsArgs, true> = { namespace: true, chartMirror: true, kubeContext: true, prometheus: true, jaeger: true, kiali: true };

/**
 * Prometheus, Jaeger and Kiali from their projects' own pinned Helm charts,
 * wired to each other inside the cluster; nothing is exposed outside it
 * (every Service is ClusterIP; `dashboards` gives the port-forward commands).
 * Kiali reads Istio's CRDs and istiod's status: depend the component on the
 * mesh (`dependsOn: mesh.ready`); every chart waits for what it waits for.
 */
export class ObservabilityAddons extends pulumi.ComponentResource {
    /** Prometheus's chart, when `prometheus` is given. */
    readonly prometheus?: k8s.helm.v4.Chart;
    /** Jaeger's chart, when `jaeger` is given. */
    readonly jaeger?: k8s.helm.v4.Chart;
    /** Kiali's chart, when `kiali` is given. */
    readonly kiali?: k8s.helm.v4.Chart;
    /** `kubectl port-forward` command and local URL of each installed UI. */
    readonly dashboards: pulumi.Output<Record<string, Dashboard>>;

    constructor(name: string, args: ObservabilityAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        if (args.kiali && !args.prometheus) {
            throw new ArgsError(subject, ["kiali: needs prometheus (its graph is built from Prometheus metrics)"]);
        }
        const namespace = pulumi.output(args.namespace);
        // Children do not inherit the component's dependsOn (Pulumi does not pass it down).
        const chart = (key: keyof typeof ADDON_RELEASES, pinned: ChartRef, values: pulumi.Input<Record<string, unknown>>,
            dependsOn = opts?.dependsOn) =>
            new k8s.helm.v4.Chart(`${name}-${key}`, {
                ...chartSource(pinned, args.chartMirror),
                name: ADDON_RELEASES[key],
                namespace,
                values,
            }, { parent: this, dependsOn });
        const ui: Array<pulumi.Output<[string, Dashboard]>> = [];
        const addUi = (key: string, service: string, port: number, path: string) =>
            ui.push(namespace.apply((ns): [string, Dashboard] => [key, dashboard({ namespace: ns, service, port, path, context: args.kubeContext })]));

        if (args.prometheus) {
            const p = args.prometheus;
            this.prometheus = chart("prometheus", PROMETHEUS_CHART, inComponent(subject, () => prometheusValues({ release: ADDON_RELEASES.prometheus, ...p })));
            addUi("prometheus", prometheusServiceName(ADDON_RELEASES.prometheus), PROMETHEUS_PORT, "");
        }

        if (args.jaeger) {
            const j = args.jaeger;
            let claim: pulumi.Resource | undefined;
            if (j.storage.type === "badger") {
                const badger = j.storage.badger!;
                claim = new k8s.core.v1.PersistentVolumeClaim(`${name}-jaeger-badger`, {
                    metadata: { name: badgerClaimName(ADDON_RELEASES.jaeger), namespace },
                    spec: {
                        accessModes: ["ReadWriteOnce"],
                        storageClassName: badger.storageClassName,
                        resources: { requests: { storage: badger.size } },
                    },
                }, { parent: this, dependsOn: opts?.dependsOn });
            }
            // The claim waits for what the component waits for; Jaeger for the claim.
            this.jaeger = chart("jaeger", JAEGER_CHART, inComponent(subject, () => jaegerValues({ release: ADDON_RELEASES.jaeger, ...j })), claim ? [claim] : opts?.dependsOn);
            addUi("jaeger", jaegerServiceName(ADDON_RELEASES.jaeger), JAEGER_PORTS.queryHttp, JAEGER_BASE_PATH);
        }

        if (args.kiali) {
            const k = args.kiali;
            // Without a key the chart renders a random one on every run: a changed ConfigMap, a restarted
            // Kiali and logged-out users at each `up`. So a key is made once and kept (see kialiSigningKey).
            const signing = k.signingKey === undefined ? kialiSigningKey(`${name}-kiali-signing-key`, namespace, this, opts?.dependsOn) : undefined;
            const values = pulumi.all([namespace, k.signingKey ?? signing!]).apply(([ns, signingKey]) => inComponent(subject, () => kialiValues({
                ...k,
                signingKey,
                release: ADDON_RELEASES.kiali,
                istioNamespace: ns,
                prometheusUrl: `http://${prometheusServiceName(ADDON_RELEASES.prometheus)}.${ns}:${PROMETHEUS_PORT}`,
                tracingUrl: args.jaeger
                    ? `http://${jaegerServiceName(ADDON_RELEASES.jaeger)}.${ns}:${JAEGER_PORTS.queryGrpc}${JAEGER_BASE_PATH}`
                    : undefined,
            })));
            this.kiali = chart("kiali", KIALI_CHART, values);
            addUi("kiali", ADDON_RELEASES.kiali, KIALI_PORT, KIALI_WEB_ROOT);
        }

        this.dashboards = pulumi.all(ui).apply((entries) => Object.fromEntries(entries));
        this.registerOutputs({ dashboards: this.dashboards });
    }
}
