import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults } from "../lib/config";
import { isGatewayTemplate } from "../lib/injection";
import { Deployment, HorizontalPodAutoscaler, isKind, PodDisruptionBudget } from "../lib/kinds";
import { HelmChart, istioCharts } from "../lib/mesh";
import { describe, isObj, labelsOf, namespaceOf, objectName, ResourceLike, selects } from "../lib/objects";

/** What Istio 1.30.3's charts do when a value is not set (test/policies checks these against the charts). */
export const CHART_DEFAULTS = {
    istiod: { autoscaleEnabled: true, autoscaleMin: 1, replicaCount: 1, podDisruptionBudget: true },
    gateway: { autoscalingEnabled: true, minReplicas: 1, replicaCount: 1 },
};

const configSchema = {
    properties: {
        minReplicas: { type: "integer" as const, default: 2, description: "Fewest replicas istiod and each gateway may run." },
    },
};

interface Availability {
    what: string;
    urn?: string;
    replicas: number;
    disruptionBudget: boolean;
}

function fromChart(c: HelmChart): Availability | undefined {
    const v = c.values;
    const what = `${c.chart} chart ${c.resource.name}`;
    if (c.chart === "istiod") {
        const d = CHART_DEFAULTS.istiod;
        const autoscale = v.autoscaleEnabled ?? v.pilot?.autoscaleEnabled ?? d.autoscaleEnabled;
        const replicas = autoscale ? (v.autoscaleMin ?? v.pilot?.autoscaleMin ?? d.autoscaleMin) : (v.replicaCount ?? v.pilot?.replicaCount ?? d.replicaCount);
        const disruptionBudget = v.global?.defaultPodDisruptionBudget?.enabled ?? d.podDisruptionBudget;
        return { what, urn: c.resource.urn, replicas, disruptionBudget };
    }
    if (c.chart === "gateway") {
        const d = CHART_DEFAULTS.gateway;
        const autoscale = v.autoscaling?.enabled ?? d.autoscalingEnabled;
        const replicas = autoscale ? (v.autoscaling?.minReplicas ?? d.minReplicas) : (v.replicaCount ?? d.replicaCount);
        const pdb = v.podDisruptionBudget;
        return { what, urn: c.resource.urn, replicas, disruptionBudget: isObj(pdb) && (pdb.minAvailable !== undefined || pdb.maxUnavailable !== undefined) };
    }
    return undefined;
}

/** A rendered istiod or gateway Deployment, with its HorizontalPodAutoscaler and PodDisruptionBudget. */
function fromDeployment(d: ResourceLike, all: ResourceLike[]): Availability {
    const ns = namespaceOf(d);
    const podLabels = labelsOf(d.props.spec?.template);
    const hpa = all.find(
        (r) => isKind(r.type, HorizontalPodAutoscaler) && namespaceOf(r) === ns && r.props.spec?.scaleTargetRef?.name === objectName(d),
    );
    const disruptionBudget = all.some((r) => {
        const match = r.props.spec?.selector?.matchLabels;
        return isKind(r.type, PodDisruptionBudget) && namespaceOf(r) === ns && isObj(match) && selects(match, podLabels);
    });
    const replicas = hpa ? (hpa.props.spec?.minReplicas ?? 1) : (d.props.spec?.replicas ?? 1);
    return { what: describe(d), urn: d.urn, replicas, disruptionBudget };
}

function isControlPlaneOrGateway(r: ResourceLike): boolean {
    if (!isKind(r.type, Deployment)) return false;
    const template = r.props.spec?.template;
    return labelsOf(r.props).app === "istiod" || labelsOf(template).app === "istiod" || (isObj(template) && isGatewayTemplate(template));
}

export const controlPlaneHighAvailability: MeshStackPolicy = {
    name: "platform-control-plane-ha",
    description: "istiod and every ingress gateway run at least 2 replicas and have a PodDisruptionBudget (production).",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["availability"],
        why: "survive a node drain",
        messages: [MESSAGES.ControlPlaneFewReplicas, MESSAGES.ControlPlaneNoDisruptionBudget],
        istio: [],
        docs: "https://istio.io/latest/docs/setup/install/helm/",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { minReplicas } = configWithDefaults<{ minReplicas: number }>(args, configSchema);
        // The engine renders a chart into children; then those say what really runs, and the chart's values are not judged again.
        const rendered = new Set(args.resources.map((r) => r.parent?.urn));
        const found = [
            ...istioCharts(args.resources)
                .filter((c) => !rendered.has(c.resource.urn))
                .map(fromChart),
            ...args.resources.filter(isControlPlaneOrGateway).map((d) => fromDeployment(d, args.resources)),
        ].filter((a): a is Availability => a !== undefined);
        for (const a of found) {
            if (a.replicas < minReplicas) {
                report(reportViolation, MESSAGES.ControlPlaneFewReplicas, { subject: a.what, replicas: a.replicas, minReplicas }, a.urn);
            }
            if (!a.disruptionBudget) {
                report(reportViolation, MESSAGES.ControlPlaneNoDisruptionBudget, { subject: a.what }, a.urn);
            }
        }
    },
};
