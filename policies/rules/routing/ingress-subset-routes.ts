import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { ofKind, VirtualService } from "../lib/kinds";
import { asList, describe, ResourceLike } from "../lib/objects";

/** The hosts a VirtualService routes to subsets of, among its own hosts (as the analyzer compares them: as written). */
function subsetHosts(vs: ResourceLike): string[] {
    const hosts = asList(vs.props.spec?.hosts).map(String);
    return asList(vs.props.spec?.http).flatMap((h) => asList(h?.route))
        .map((r) => r?.destination).filter((d) => d?.subset && hosts.includes(d.host)).map((d) => String(d.host));
}

/**
 * The gateway applies only the VirtualServices bound to it: a mesh
 * VirtualService's subsets (a canary split) do not shape what comes in
 * through the gateway.
 */
export const ingressSubsetRoutes: MeshStackPolicy = {
    name: "routing-ingress-subset-routes",
    description: "A VirtualService bound to a gateway does not route a host without subset that another VirtualService splits into subsets (istioctl IST0140).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "gateway traffic skips the split",
        messages: [MESSAGES.IngressSubsetsBypassed],
        istio: ["IST0140"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0140/",
    },
    validateStack: (args, reportViolation) => {
        const virtualServices = ofKind(args.resources, VirtualService);
        const splitting = virtualServices.map((vs) => ({ vs, hosts: subsetHosts(vs) })).filter((s) => s.hosts.length > 0);
        for (const vs of virtualServices) {
            if (asList(vs.props.spec?.gateways).length === 0) continue;
            asList(vs.props.spec?.http).forEach((http, i) => {
                asList(http?.route).forEach((r, j) => {
                    const host = r?.destination?.host;
                    if (!host || r.destination.subset) return;
                    for (const other of splitting.filter((s) => s.hosts.includes(host))) {
                        report(reportViolation, MESSAGES.IngressSubsetsBypassed, { subject: describe(vs), where: `http[${i}].route[${j}]`, host, other: describe(other.vs) }, vs.urn);
                    }
                });
            });
        }
    },
};
