import { retryBudgetWarning, trafficArgs, TrafficArgs } from "./args";
import { destinationRuleSpec, DestinationRuleSpec } from "./destination-rule";
import { parseFor } from "./errors";
import { virtualServiceSpec, VirtualServiceSpec } from "./virtual-service";

export interface TrafficObjects {
    virtualService: VirtualServiceSpec;
    destinationRule: DestinationRuleSpec;
    /** Settings that are valid but probably not what was meant. */
    warnings: string[];
}

/**
 * The one VirtualService and one DestinationRule spec of a host, from
 * unchecked arguments: invalid ones throw a TrafficArgsError naming `service`
 * and every bad field.
 */
export function buildTraffic(service: string, input: unknown): TrafficObjects {
    return trafficObjects(service, parseFor(service, trafficArgs, input));
}

/**
 * The same from arguments a schema has accepted (trafficArgs, or meshServiceArgs with the host resolved).
 * @internal
 */
export function trafficObjects(service: string, args: TrafficArgs): TrafficObjects {
    const warning = retryBudgetWarning(args);
    return {
        virtualService: virtualServiceSpec(args),
        destinationRule: destinationRuleSpec(args),
        warnings: warning === undefined ? [] : [`service ${JSON.stringify(service)}: ${warning}`],
    };
}
