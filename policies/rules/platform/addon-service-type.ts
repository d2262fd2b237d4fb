import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { forKinds, HelmChart, HelmRelease, isHelmChart, isKind, Service } from "../lib/kinds";
import { describe, isObj, labelsOf, objectName, Obj } from "../lib/objects";

const configSchema = {
    properties: {
        addons: stringList("Names (Service name prefix or app label) of the observability addons.", ["kiali", "prometheus", "grafana", "jaeger", "tracing", "zipkin"]),
        charts: stringList("Helm charts of the observability addons.", ["kiali-server", "kiali-operator", "prometheus", "grafana", "jaeger", "zipkin", "kube-prometheus-stack"]),
    },
};

/** Paths of chart values that ask for a LoadBalancer Service (`service.type`, Kiali's `deployment.service_type`, ...). */
function loadBalancerValues(values: unknown, path = ""): string[] {
    if (!isObj(values)) return [];
    return Object.entries(values).flatMap(([key, value]) => {
        const here = path ? `${path}.${key}` : key;
        if (value === "LoadBalancer" && /^(type|service_type|serviceType)$/.test(key)) return [here];
        return loadBalancerValues(value, here);
    });
}

function isAddonService(props: Obj, name: string, addons: string[]): boolean {
    const labels = labelsOf(props);
    const app = labels["app.kubernetes.io/name"] ?? labels.app ?? "";
    return addons.some((a) => app === a || name === a || name.startsWith(`${a}-`));
}

export const addonServiceType: MeshResourcePolicy = forKinds([HelmChart, HelmRelease, Service], {
    name: "platform-addon-service-type",
    description: "Observability addons (Kiali, Prometheus, Grafana, Jaeger, Zipkin) are not exposed with LoadBalancer Services.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["security", "observability"],
        why: "exposed outside the cluster",
        messages: [MESSAGES.AddonLoadBalancer],
        istio: [],
        docs: "https://istio.io/latest/docs/ops/integrations/",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { addons, charts } = configWithDefaults<{ addons: string[]; charts: string[] }>(args, configSchema);
        if (isKind(args.type, Service) && args.props.spec?.type === "LoadBalancer" && isAddonService(args.props, objectName(args), addons)) {
            report(reportViolation, MESSAGES.AddonLoadBalancer, { subject: describe(args), where: "spec.type" });
        }
        if (isHelmChart(args.type) && charts.includes(String(args.props.chart ?? "").split("/").pop() ?? "")) {
            for (const path of loadBalancerValues(args.props.values)) {
                report(reportViolation, MESSAGES.AddonLoadBalancer, { subject: `Addon chart ${args.props.chart} (${args.name})`, where: `values ${path}:` });
            }
        }
    },
}, "applies to Services and Helm charts only");
