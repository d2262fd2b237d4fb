import { z } from "zod";
import { fieldPath, formatZodIssues } from "../common/issues";

/** Invalid traffic arguments of one service: every problem, each naming the field. */
export class TrafficArgsError extends Error {
    constructor(readonly service: string, readonly problems: string[]) {
        super(`invalid traffic settings for service ${JSON.stringify(service)}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "TrafficArgsError";
    }
}

/** `schema.parse` that throws a TrafficArgsError naming the service and each field. */
export function parseFor<T extends z.ZodType>(service: string, schema: T, input: unknown): z.output<T> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new TrafficArgsError(service, formatZodIssues(schema, input, result.error.issues, (path) => fieldPath(path) || "(arguments)"));
}
