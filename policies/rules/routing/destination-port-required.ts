import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { fqdn } from "../lib/hosts";
import { ofKind, Service, ServiceEntry, VirtualService } from "../lib/kinds";
import { asList, describe, namespaceOf, objectName, ResourceLike } from "../lib/objects";
import { destinationsOf, routesOf } from "../lib/routes";

/** Services and ServiceEntries of the stack by the hosts they serve, with their ports. */
function targets(resources: ResourceLike[]): Map<string, { what: string; ports: number[] }> {
    const byHost = new Map<string, { what: string; ports: number[] }>();
    for (const s of ofKind(resources, Service)) {
        byHost.set(`${objectName(s)}.${namespaceOf(s)}.svc.cluster.local`, { what: describe(s), ports: asList(s.props.spec?.ports).map((p) => Number(p?.port)) });
    }
    for (const se of ofKind(resources, ServiceEntry)) {
        for (const host of asList(se.props.spec?.hosts)) {
            byHost.set(String(host), { what: describe(se), ports: asList(se.props.spec?.ports).map((p) => Number(p?.number)) });
        }
    }
    return byHost;
}

/** Judges destinations whose Service or ServiceEntry is in the stack; the teams' own Services are not. */
export const destinationPortRequired: MeshStackPolicy = {
    name: "routing-destination-port-required",
    description: "A route to a Service or ServiceEntry of the stack with several ports names the port (istioctl IST0112).",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "Istio cannot pick the port",
        messages: [MESSAGES.DestinationPortRequired],
        istio: ["IST0112"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0112/",
    },
    validateStack: (args, reportViolation) => {
        const byHost = targets(args.resources);
        for (const vs of ofKind(args.resources, VirtualService)) {
            for (const { where, route } of routesOf(vs.props.spec ?? {})) {
                for (const destination of destinationsOf(route)) {
                    if (destination.port !== undefined || typeof destination.host !== "string") continue;
                    const host = fqdn(destination.host, namespaceOf(vs));
                    const target = byHost.get(host);
                    if (!target || target.ports.length < 2) continue;
                    report(reportViolation, MESSAGES.DestinationPortRequired, { subject: describe(vs), where, host, target: target.what, ports: target.ports.join(", ") }, vs.urn);
                }
            }
        }
    },
};
