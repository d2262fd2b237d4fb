import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { Gateway, ofKind } from "../lib/kinds";
import { asList, describe, Obj, ResourceLike } from "../lib/objects";

/** A selector as one comparable string: labels sorted. */
function selectorOf(gateway: ResourceLike): string {
    const selector: Obj = gateway.props.spec?.selector ?? {};
    return Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(",");
}

/** Every (port, bind, host) a Gateway's servers claim. */
function claims(gateway: ResourceLike): { port: number; bind: string; host: string }[] {
    return asList(gateway.props.spec?.servers).flatMap((s) =>
        asList(s?.hosts).map((host) => ({ port: Number(s?.port?.number), bind: String(s?.bind ?? ""), host: String(host) })));
}

/**
 * Gateways with the same selector run on the same workloads; the analyzer
 * also compares overlapping selectors through the pods both match, which only
 * a cluster has.
 */
export const gatewayServersUnique: MeshStackPolicy = {
    name: "routing-gateway-servers-unique",
    description: "No two Gateways with the same selector serve the same host on the same port (istioctl IST0145).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "istiod drops one of the servers",
        messages: [MESSAGES.GatewayServerConflict],
        istio: ["IST0145"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0145/",
    },
    validateStack: (args, reportViolation) => {
        const gateways = ofKind(args.resources, Gateway);
        for (const gateway of gateways) {
            const selector = selectorOf(gateway);
            for (const claim of claims(gateway)) {
                const other = gateways.find((g) => g !== gateway && selectorOf(g) === selector &&
                    claims(g).some((c) => c.port === claim.port && c.bind === claim.bind && c.host === claim.host));
                if (!other) continue;
                report(reportViolation, MESSAGES.GatewayServerConflict, { subject: describe(gateway), host: claim.host, port: claim.port, other: describe(other), selector: selector || "none" }, gateway.urn);
            }
        }
    },
};
