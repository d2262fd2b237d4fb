import type { TrafficArgs } from "./args";
import type { WorkloadSelector } from "../security/match";
import type { TrafficPolicy } from "./service-settings";

/**
 * Pure builder of a DestinationRule spec (networking.istio.io/v1): one subset
 * per version (with its own policy if given), and the load balancer and
 * circuit breaker. TLS is written only when the arguments
 * ask for it, so by default the sidecars' auto mTLS decides.
 */

export interface Subset {
    name: string;
    labels?: Record<string, string>;
    trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
    host: string;
    workloadSelector?: WorkloadSelector;
    exportTo?: string[];
    subsets?: Subset[];
    trafficPolicy?: TrafficPolicy;
}

/** @internal */
export function destinationRuleSpec(args: TrafficArgs): DestinationRuleSpec {
    const subsets = Object.entries(args.versions ?? {}).map(([name, labels]): Subset => {
        const own = args.subsetTrafficPolicy?.[name];
        return {
            name,
            // A subset without labels is every endpoint of the host.
            ...(Object.keys(labels).length > 0 && { labels }),
            ...(own !== undefined && { trafficPolicy: own }),
        };
    });
    const policy = args.trafficPolicy;
    return {
        host: args.host,
        ...(args.workloadSelector !== undefined && { workloadSelector: args.workloadSelector }),
        ...(args.exportTo !== undefined && { exportTo: args.exportTo }),
        ...(subsets.length > 0 && { subsets }),
        // Istio refuses an empty trafficPolicy.
        ...(policy !== undefined && Object.keys(policy).length > 0 && { trafficPolicy: policy }),
    };
}
