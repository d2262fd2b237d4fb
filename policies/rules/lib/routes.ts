import { groupBy } from "./group";
import { fqdn } from "./hosts";
import { DestinationRule, ofKind } from "./kinds";
import { asList, isObj, namespaceOf, Obj, ResourceLike } from "./objects";

/** One route of a VirtualService: an http, tcp or tls entry, named as in the spec. */
export interface Route {
    where: string;
    route: Obj;
}

export function routesOf(spec: Obj): Route[] {
    return ["http", "tcp", "tls"].flatMap((protocol) =>
        asList(spec[protocol]).map((route, i) => ({ where: route?.name ? `${protocol}[${i}](${route.name})` : `${protocol}[${i}]`, route: isObj(route) ? route : {} })),
    );
}

/** Every destination a route sends traffic (or mirrored traffic) to. */
export function destinationsOf(route: Obj): Obj[] {
    return [
        ...asList(route.route).map((d) => d?.destination),
        route.mirror,
        ...asList(route.mirrors).map((m) => m?.destination),
    ].filter(isObj);
}

/** DestinationRules by the fully qualified host they configure. */
export function destinationRulesByHost(resources: ResourceLike[]): Map<string, ResourceLike[]> {
    const rules = ofKind(resources, DestinationRule).filter((r) => typeof r.props.spec?.host === "string" && !r.props.spec?.workloadSelector);
    return groupBy(rules, (r) => fqdn(r.props.spec.host, namespaceOf(r)));
}
