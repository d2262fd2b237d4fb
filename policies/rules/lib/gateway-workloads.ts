import { isKind, Service } from "./kinds";
import { istioCharts } from "./mesh";
import { annotationsOf, asList, isObj, labelsOf, namespaceOf, podTemplateOf, ResourceLike } from "./objects";

/**
 * The ports of the Service Istio's gateway chart (1.30.3, values.yaml
 * service.ports) renders when its values set none: a spec compares them with
 * the pinned chart values.
 */
export const GATEWAY_CHART_SERVICE_PORTS = [
    { name: "status-port", port: 15021, protocol: "TCP", targetPort: 15021 },
    { name: "http2", port: 80, protocol: "TCP", targetPort: 80 },
    { name: "https", port: 443, protocol: "TCP", targetPort: 443 },
];

export interface PodLabels {
    namespace: string;
    labels: Record<string, string>;
}

export interface ServicePorts {
    namespace: string;
    selector: Record<string, string>;
    /** The TCP ports a gateway server may listen on to be reached through it: each port and numeric targetPort. */
    ports: number[];
}

/** Service ports as the analyzer (IngressGatewayPortAnalyzer) reads them: TCP only (unset is TCP, the API server's default). */
function tcpPorts(ports: unknown): number[] {
    return asList(ports)
        .filter((p) => isObj(p) && (p.protocol ?? "TCP") === "TCP")
        .flatMap((p) => [p.port, p.targetPort].filter((n): n is number => Number.isInteger(n)));
}

/** Pod labels and Services the stack gives its gateways: the gateway charts' (from their values, as the chart names them) and rendered ones. */
export function gatewayWorkloads(resources: ResourceLike[]): { pods: PodLabels[]; services: ServicePorts[] } {
    const pods: PodLabels[] = [];
    const services: ServicePorts[] = [];
    for (const c of istioCharts(resources)) {
        // A multi-network gateway's ports come from networkGatewayPorts: not judged here.
        if (c.chart !== "gateway" || c.values.networkGateway) continue;
        const release = typeof c.resource.props.name === "string" ? c.resource.props.name : "";
        const name = c.values.name || release || "istio-ingressgateway";
        const extra: Record<string, string> = isObj(c.values.labels) ? c.values.labels : {};
        const selector = { app: extra.app ?? name, istio: extra.istio ?? name.replace(/^istio-/, "") };
        const namespace = typeof c.namespace === "string" ? c.namespace : "default";
        pods.push({ namespace, labels: { ...extra, ...selector } });
        const service = isObj(c.values.service) ? c.values.service : {};
        if (service.type === "None") continue;
        services.push({
            namespace,
            selector: { ...selector, ...(isObj(service.selectorLabels) ? service.selectorLabels : {}) },
            ports: tcpPorts(service.ports ?? GATEWAY_CHART_SERVICE_PORTS),
        });
    }
    for (const r of resources) {
        const template = podTemplateOf(r);
        if (template) pods.push({ namespace: namespaceOf(r), labels: labelsOf(template) });
        if (isKind(r.type, Service) && isObj(r.props.spec?.selector)) {
            services.push({ namespace: namespaceOf(r), selector: r.props.spec.selector, ports: tcpPorts(r.props.spec.ports) });
        }
    }
    return { pods, services };
}

/**
 * Namespaces the stack runs gateway pods in: its gateway charts' releases, and rendered pods made from Istio's
 * `gateway` injection template (the chart's pod annotation inject.istio.io/templates).
 */
export function gatewayNamespaces(resources: ResourceLike[]): Set<string> {
    const charts = istioCharts(resources).filter((c) => c.chart === "gateway").map((c) => (typeof c.namespace === "string" ? c.namespace : "default"));
    const rendered = resources.filter((r) => annotationsOf(podTemplateOf(r))["inject.istio.io/templates"] === "gateway").map(namespaceOf);
    return new Set([...charts, ...rendered]);
}
