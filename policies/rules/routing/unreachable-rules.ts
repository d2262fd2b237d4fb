import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, VirtualService } from "../lib/kinds";
import { asList, describe, isObj } from "../lib/objects";

/** A match as routing sees it: its name left out, keys in one order. */
function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (!isObj(value)) return JSON.stringify(value);
    return `{${Object.keys(value).filter((k) => k !== "name").sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
}

/**
 * Istio's own check of a VirtualService's route order (pilot's validation,
 * which `istioctl analyze` reports as warnings): a route after one without
 * match is never reached, and a match repeated from an earlier route never
 * matches. The analyzer's heuristic for URI prefixes that cover later ones is
 * not repeated here.
 */
export const unreachableRules: MeshResourcePolicy = forKinds([VirtualService], {
    name: "routing-unreachable-rules",
    description: "Every route of a VirtualService can be reached: no route after one without match, no match an earlier route already has (istioctl IST0130, IST0131).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "those routes never take traffic",
        messages: [MESSAGES.RouteUnreachable, MESSAGES.RouteMatchIneffective],
        istio: ["IST0130", "IST0131"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0130/",
    },
    validateResource: (args, reportViolation) => {
        const subject = describe(args);
        for (const protocol of ["http", "tcp", "tls"]) {
            const seen = new Map<string, number>();
            let catchAll = -1;
            asList(args.props.spec?.[protocol]).forEach((route, index) => {
                const matches = asList(route?.match);
                if (matches.length === 0) {
                    if (catchAll >= 0) report(reportViolation, MESSAGES.RouteUnreachable, { subject, where: `${protocol}[${index}]`, reason: `${protocol}[${catchAll}] before it has no match either` });
                    catchAll = index;
                    return;
                }
                if (catchAll >= 0) {
                    report(reportViolation, MESSAGES.RouteUnreachable, { subject, where: `${protocol}[${index}]`, reason: `${protocol}[${catchAll}] before it has no match and takes every request` });
                    return;
                }
                let repeated = 0;
                matches.forEach((match, m) => {
                    const key = canonical(match);
                    const earlier = seen.get(key);
                    if (earlier === undefined) return void seen.set(key, index);
                    repeated++;
                    report(reportViolation, MESSAGES.RouteMatchIneffective, { subject, where: `${protocol}[${index}]`, match: m, earlier: `${protocol}[${earlier}]` });
                });
                if (repeated === matches.length) report(reportViolation, MESSAGES.RouteUnreachable, { subject, where: `${protocol}[${index}]`, reason: "earlier routes have all its matches" });
            });
        }
    },
});
