import { z } from "zod";

/** The value at a zod issue path, for "got ..." in error messages. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let node = root;
    for (const key of path) {
        if (typeof node !== "object" || node === null) return undefined;
        node = (node as Record<PropertyKey, unknown>)[key];
    }
    return node;
}

/**
 * Validates a builder's arguments with zod, or throws one error that names the
 * builder (`where`), every bad field, what is allowed and what was given.
 */
export function parseArgs<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
        const field = issue.path.map(String).join(".") || "arguments";
        const given = valueAt(value, issue.path);
        return `${field}: ${issue.message}${given === undefined ? "" : `, got ${JSON.stringify(given)}`}`;
    });
    throw new Error(`${where}: ${problems.join("; ")}`);
}
