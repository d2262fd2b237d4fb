import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { forKinds, VirtualService } from "../lib/kinds";
import { asList, describe } from "../lib/objects";
import { routesOf } from "../lib/routes";

export const routeWeights: MeshResourcePolicy = forKinds([VirtualService], {
    name: "routing-weights-sum-to-100",
    description: "Route weights of a VirtualService add up to 100, so they read as the percentages they become.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "Istio splits by relative proportion, so 90/20 is 82/18",
        messages: [MESSAGES.RouteWeightsNot100, MESSAGES.RouteLoneDestinationWeight],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination",
    },
    validateResource: (args, reportViolation) => {
        for (const { where, route } of routesOf(args.props.spec ?? {})) {
            const destinations = asList(route.route);
            const weights = destinations.map((d) => (typeof d?.weight === "number" ? d.weight : 0));
            const sum = weights.reduce((a, b) => a + b, 0);
            if (destinations.length > 1 && sum !== 100) {
                const shares = sum > 0 ? ` (Istio splits by relative proportion: ${weights.map((w) => `${Math.round((100 * w) / sum)}%`).join(" / ")})` : "";
                report(reportViolation, MESSAGES.RouteWeightsNot100, { subject: describe(args), where, weights: weights.join(" + "), sum, shares });
            } else if (destinations.length === 1 && typeof destinations[0]?.weight === "number" && destinations[0].weight !== 100) {
                report(reportViolation, MESSAGES.RouteLoneDestinationWeight, { subject: describe(args), where, weight: destinations[0].weight });
            }
        }
    },
});
