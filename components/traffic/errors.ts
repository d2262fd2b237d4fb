import { z } from "zod";
import { ArgsError, argsProblems, componentSubject } from "../common/parse-args";

/** MeshService's type token, which its errors (and buildTraffic's, what it builds) start with. */
export const MESH_SERVICE_TYPE = "istio-mesh:traffic:MeshService";

/**
 * Invalid traffic arguments of one service: an ArgsError worded like every
 * component's (`istio-mesh:traffic:MeshService "api": canary.weights: ...`),
 * kept as its own class for callers that catch it by name.
 */
export class TrafficArgsError extends ArgsError {
    constructor(readonly service: string, problems: string[]) {
        super(componentSubject(MESH_SERVICE_TYPE, service), problems);
    }
}

/**
 * `schema.parse` that throws a TrafficArgsError naming the service and each field.
 * @internal
 */
export function parseFor<T extends z.ZodType>(service: string, schema: T, input: unknown): z.output<T> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new TrafficArgsError(service, argsProblems(schema, input, result.error.issues));
}
