import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { Deployment, ofKind, RequestAuthentication } from "../lib/kinds";
import { istioCharts } from "../lib/mesh";
import { asList, describe, labelsOf, Obj } from "../lib/objects";

const BLOCKED_CIDRS = "BLOCKED_CIDRS_IN_JWKS_URIS";

/** istiod as the stack installs it: its chart (env, or pilot.env: the chart reads pilot.* at top level) or its rendered Deployment. */
function istiods(resources: Parameters<typeof istioCharts>[0]): { what: string; urn?: string; blocked: boolean }[] {
    const charts = istioCharts(resources).filter((c) => c.chart === "istiod").map((c) => ({
        what: `istiod chart ${c.resource.name}`, urn: c.resource.urn, blocked: Boolean(c.values.env?.[BLOCKED_CIDRS] ?? c.values.pilot?.env?.[BLOCKED_CIDRS]),
    }));
    const deployments = ofKind(resources, Deployment).filter((d) => labelsOf(d.props).app === "istiod").map((d) => ({
        what: describe(d), urn: d.urn,
        blocked: asList(d.props.spec?.template?.spec?.containers).some((c: Obj) => asList(c?.env).some((e: Obj) => e?.name === BLOCKED_CIDRS && e.value)),
    }));
    return [...charts, ...deployments];
}

export const jwksFetchRestricted: MeshStackPolicy = {
    name: "authz-jwks-fetch-restricted",
    description: "When the stack has RequestAuthentications, istiod restricts where it fetches their JWKS from (BLOCKED_CIDRS_IN_JWKS_URIS; istioctl IST0175).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["security"],
        why: "a jwksUri can make istiod fetch internal addresses",
        messages: [MESSAGES.JwksFetchUnrestricted],
        istio: ["IST0175"],
        docs: "https://istio.io/latest/docs/reference/config/analysis/ist0175/",
    },
    validateStack: (args, reportViolation) => {
        const requestAuthentications = ofKind(args.resources, RequestAuthentication);
        if (requestAuthentications.length === 0) return;
        const names = requestAuthentications.map(describe).join(", ");
        for (const istiod of istiods(args.resources)) {
            if (istiod.blocked) continue;
            report(reportViolation, MESSAGES.JwksFetchUnrestricted, { subject: istiod.what, count: requestAuthentications.length, names }, istiod.urn);
        }
    },
};
