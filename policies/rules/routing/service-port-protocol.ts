import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, isRenderedByChart, Service } from "../lib/kinds";
import { asList, describe, labelsOf } from "../lib/objects";

/** Port-name prefixes (and appProtocol values) Istio reads a protocol from (pilot's protocol.Parse). */
const PROTOCOLS = ["tcp", "udp", "grpc", "grpc-web", "http", "http_proxy", "http2", "https", "tls", "mongo", "redis", "mysql"];
/** appProtocol values Kubernetes defines, which Istio maps too. */
const KUBERNETES_APP_PROTOCOLS = ["kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/wss"];
/** Ports Istio treats as TCP whatever their name: SMTP, DNS, MySQL, MongoDB. */
const WELL_KNOWN_TCP = [25, 53, 3306, 27017];

/** Whether Istio can tell the port's protocol without sniffing (pilot's kube.ConvertProtocol). */
function protocolKnown(port: { port?: number; name?: string; protocol?: string; appProtocol?: string }): boolean {
    if (port.protocol === "UDP") return true;
    const name = port.appProtocol ?? port.name ?? "";
    if (KUBERNETES_APP_PROTOCOLS.includes(name) || name.toLowerCase().startsWith("grpc-web")) return true;
    return PROTOCOLS.includes(name.split("-")[0].toLowerCase()) || WELL_KNOWN_TCP.includes(Number(port.port));
}

/**
 * Judges the Services the teams write: Istio's own (labelled `istio` or
 * `release: istio`), the ones it manages for Kubernetes Gateways, and what
 * Helm charts render are left out.
 */
export const servicePortProtocol: MeshResourcePolicy = forKinds([Service], {
    name: "routing-service-port-protocol",
    description:
        "Service ports say their protocol (name prefix or appProtocol); ExternalName Services' ports not plain tcp (istioctl IST0118, IST0150). Services rendered from Helm charts are not judged.",
    enforcementLevel: "advisory",
    meta: {
        severity: "low",
        topics: ["traffic"],
        why: "Istio must guess the protocol",
        messages: [MESSAGES.ServicePortProtocolUnknown, MESSAGES.ExternalNamePortName],
        istio: ["IST0118", "IST0150"],
        docs: "https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/",
    },
    validateResource: (args, reportViolation) => {
        if (isRenderedByChart(args)) args.notApplicable("rendered from a Helm chart");
        const labels = labelsOf(args.props);
        if (labels.istio !== undefined || labels.release === "istio" || labels["gateway.istio.io/managed"] !== undefined) return;
        const externalName = args.props.spec?.type === "ExternalName";
        for (const port of asList(args.props.spec?.ports)) {
            const name = String(port?.name ?? "");
            if (externalName && (name === "tcp" || !protocolKnown(port))) {
                report(reportViolation, MESSAGES.ExternalNamePortName, { subject: describe(args), port: port?.port, name, problem: name === "tcp" ? "is plain tcp" : "says no protocol Istio knows" });
            } else if (!externalName && !protocolKnown(port)) {
                report(reportViolation, MESSAGES.ServicePortProtocolUnknown, { subject: describe(args), port: port?.port, name });
            }
        }
    },
});
