import { SIDECAR_NAME } from "../components/egress/sidecar";
import { gatewayNamespaces } from "../components/traffic/args";
import { servingGatewayNamespaces } from "./ingress";
import type { Environment } from "./schema";

/**
 * Rules between ingress (and egress Gateways) and the rest of the config: a
 * Gateway on an installed gateway needs it installed, a certificate needs
 * cert-manager, and a service binds only to Gateways this stack declares.
 */
export function ingressProblems(env: Pick<Environment, "istio" | "ingress" | "egress" | "security" | "services">): Array<{ path: PropertyKey[]; message: string }> {
    const problems: Array<{ path: PropertyKey[]; message: string }> = [];
    const declared = new Set<string>();
    for (const [name, g] of Object.entries(env.ingress.gateways)) {
        declared.add(`${g.namespace ?? env.istio.gateway.namespace}/${name}`);
        if (g.selector === undefined && !env.istio.gateway.enabled) {
            problems.push({ path: ["ingress", "gateways", name, "selector"],
                message: "is needed when this stack installs no ingress gateway (istio-mesh:istio.gateway.enabled is false)" });
        }
        if (g.certificate !== undefined && !env.security.ca.enabled) {
            problems.push({ path: ["ingress", "gateways", name, "certificate"],
                message: "needs cert-manager, which this stack installs with istio-mesh:security.ca.enabled: true" });
        }
    }
    for (const [name, g] of Object.entries(env.egress.gateways)) {
        declared.add(`${g.namespace ?? env.istio.egressGateway.namespace ?? env.istio.namespace}/${name}`);
        if (g.selector === undefined && !env.istio.egressGateway.enabled) {
            problems.push({ path: ["egress", "gateways", name, "selector"],
                message: "is needed when this stack installs no egress gateway (istio-mesh:istio.egressGateway.enabled is false)" });
        }
    }
    // The namespace's own Sidecar (istio-mesh:egress.sidecars) is named default too: one name, one object.
    for (const [name, s] of Object.entries(env.ingress.sidecars)) {
        if (name === SIDECAR_NAME && s.namespace in env.egress.sidecars) {
            problems.push({ path: ["ingress", "sidecars", name],
                message: `is the name of namespace ${s.namespace}'s Sidecar (istio-mesh:egress.sidecars.${s.namespace}); give this one another name` });
        }
    }
    for (const [name, s] of Object.entries(env.services)) {
        const missing = s.exportTo === undefined || s.exportTo.includes("*") ? [] : servingGatewayNamespaces(env, s).filter((ns) => !s.exportTo!.includes(ns));
        if (missing.length > 0) {
            problems.push({ path: ["services", name, "exportTo"],
                message: `must include ${missing.join(", ")}: the gateway pods there see only the rules exported to their namespace` });
        }
        (s.gateways ?? []).forEach((g, i) => {
            if (g === "mesh") return;
            const [namespace] = gatewayNamespaces([g], s.namespace);
            const full = `${namespace}/${g.slice(g.indexOf("/") + 1)}`;
            if (!declared.has(full)) {
                problems.push({ path: ["services", name, "gateways", i],
                    message: `${full} is not a Gateway of istio-mesh:ingress.gateways or istio-mesh:egress.gateways (declared: ${[...declared].join(", ") || "none"})` });
            }
        });
    }
    return problems;
}
