import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { Gateway, ofKind } from "../lib/kinds";
import { gatewayWorkloads } from "../lib/gateway-workloads";
import { asList, describe, isObj, selects } from "../lib/objects";

/**
 * As the analyzer's IngressGatewayPortAnalyzer: a Gateway's server port must be
 * a port (or target port) of a Service that selects the gateway pods the
 * Gateway selects. The gateway chart's Service is known from its values (or
 * the chart's defaults); a Gateway whose pods the stack does not install is
 * not judged (another stack owns them).
 */
export const gatewayServicePorts: MeshStackPolicy = {
    name: "routing-gateway-service-ports",
    description: "Each Gateway server listens on a port the Service of its gateway pods exposes: for the gateways the stack installs, from the gateway chart's service.ports (istioctl IST0162).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "the server is unreachable through the gateway's Service",
        messages: [MESSAGES.GatewayPortNotOnService],
        istio: ["IST0162"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0162/",
    },
    validateStack: (args, reportViolation) => {
        const { pods, services } = gatewayWorkloads(args.resources);
        for (const gateway of ofKind(args.resources, Gateway)) {
            const selector: Record<string, string> = isObj(gateway.props.spec?.selector) ? gateway.props.spec.selector : {};
            const selected = pods.filter((p) => selects(selector, p.labels));
            if (selected.length === 0) continue;
            const exposed = new Set(services
                .filter((s) => selected.some((p) => p.namespace === s.namespace && selects(s.selector, p.labels)))
                .flatMap((s) => s.ports));
            for (const server of asList(gateway.props.spec?.servers)) {
                const port = server?.port?.number;
                if (!Number.isInteger(port) || exposed.has(port)) continue;
                report(reportViolation, MESSAGES.GatewayPortNotOnService, {
                    subject: describe(gateway),
                    port,
                    selector: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",") || "none",
                    exposed: [...exposed].sort((a, b) => a - b).join(", ") || "no port",
                }, gateway.urn);
            }
        }
    },
};
