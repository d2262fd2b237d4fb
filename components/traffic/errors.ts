import { z } from "zod";
import { ArgsError, argsProblems } from "../common/parse-args";

/** Invalid traffic arguments of one service: every problem, each naming the field. */
export class TrafficArgsError extends ArgsError {
    constructor(readonly service: string, problems: string[]) {
        super(`invalid traffic settings for service ${JSON.stringify(service)}`, problems);
        this.name = "TrafficArgsError";
    }
}

/** `schema.parse` that throws a TrafficArgsError naming the service and each field. */
export function parseFor<T extends z.ZodType>(service: string, schema: T, input: unknown): z.output<T> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new TrafficArgsError(service, argsProblems(schema, input, result.error.issues));
}
