import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults } from "../lib/config";
import { fqdn, hostsOverlap } from "../lib/hosts";
import { gatewayNamespaces } from "../lib/gateway-workloads";
import { DestinationRule, ofKind, ServiceEntry } from "../lib/kinds";
import { asList, describe, namespaceOf, ResourceLike } from "../lib/objects";

const configSchema = {
    properties: {
        rootNamespace: { type: "string" as const, default: "istio-system", description: "Istio's root namespace (meshConfig.rootNamespace)." },
    },
};

/** The namespaces of a host's service: a Kubernetes service's own, or those of the stack's ServiceEntries for it (none when unknown). */
function hostNamespaces(host: string, resources: ResourceLike[]): string[] {
    const service = /^[^.]+\.([^.]+)\.svc\./.exec(host);
    if (service) return [service[1]];
    return [...new Set(ofKind(resources, ServiceEntry)
        .filter((se) => asList(se.props.spec?.hosts).some((h) => typeof h === "string" && hostsOverlap(h, host)))
        .map(namespaceOf))];
}

/**
 * A proxy takes a host's DestinationRule from its own namespace, else from the
 * host's service namespace, else from the root namespace, each time only a rule
 * exported to the proxy's namespace (pilot's PushContext.destinationRule). A
 * rule in any other namespace applies to that namespace's proxies alone: what
 * its exportTo lists beyond them never takes effect. The root namespace's own
 * proxies (its gateways) read a rule there first only when it is exported to
 * "." alone; exported to "." and others, it reaches them only if exportTo also
 * names the root namespace. Rules with a
 * workloadSelector (never exported), without exportTo (Istio's default, which
 * routing-export-to judges), setting nothing, or for a host the stack declares
 * no service for are not judged.
 */
export const destinationRuleNamespace: MeshStackPolicy = {
    name: "routing-destination-rule-namespace",
    description: "A DestinationRule exported to other namespaces lives where their proxies look for it (its host's namespace or the root namespace), and one in the root namespace still reaches the gateways there.",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "the other namespaces' proxies never read it",
        messages: [MESSAGES.DestinationRuleExportedInVain, MESSAGES.DestinationRuleRootNotOwn],
        istio: [],
        docs: "https://istio.io/latest/docs/ops/best-practices/traffic-management/#cross-namespace-configuration",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { rootNamespace } = configWithDefaults<{ rootNamespace: string }>(args, configSchema);
        const rootGateways = gatewayNamespaces(args.resources).has(rootNamespace);
        for (const dr of ofKind(args.resources, DestinationRule)) {
            const spec = dr.props.spec ?? {};
            const namespace = namespaceOf(dr);
            const exportTo = asList(spec.exportTo);
            const elsewhere = exportTo.filter((ns) => ns !== "." && ns !== namespace);
            // A rule without subsets or a traffic policy changes nothing wherever it is read.
            const empty = asList(spec.subsets).length === 0 && spec.trafficPolicy === undefined;
            if (spec.workloadSelector !== undefined || elsewhere.length === 0 || typeof spec.host !== "string" || empty) continue;
            const namespaces = elsewhere.includes("*") ? "every namespace" : elsewhere.join(", ");
            if (namespace === rootNamespace) {
                if (rootGateways && exportTo.includes(".") && !exportTo.includes(namespace) && !elsewhere.includes("*")) {
                    report(reportViolation, MESSAGES.DestinationRuleRootNotOwn, { subject: describe(dr), namespaces, namespace }, dr.urn);
                }
                continue;
            }
            const host = fqdn(spec.host, namespace);
            const owners = hostNamespaces(host, args.resources);
            if (owners.length === 0 || owners.includes(namespace)) continue;
            report(reportViolation, MESSAGES.DestinationRuleExportedInVain, {
                subject: describe(dr), namespaces, host,
                hostNamespaces: owners.join(", "), rootNamespace, namespace,
            }, dr.urn);
        }
    },
};
