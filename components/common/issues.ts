import { z } from "zod";
import { didYouMean } from "./suggest";

/**
 * Turns zod issues into one readable line each: the key, what is allowed and
 * what was given. Shared by stack config errors (keys like
 * `istio-mesh:istio.version`) and component argument errors (keys like
 * `canary.weights`), so both read the same way.
 */

type PathKey = PropertyKey;

/** A path as a user writes it: `retries.perTryTimeout`, `routes[0].subset`. */
export function fieldPath(path: readonly PathKey[]): string {
    const [top, ...rest] = path;
    let key = String(top ?? "");
    // Numbers are list indexes; a record key that looks like one (a port) stays a key.
    for (const part of rest) key += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
    return key;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
    let node = root;
    for (const key of path) {
        if (typeof node !== "object" || node === null) return undefined;
        node = (node as Record<PropertyKey, unknown>)[key];
    }
    return node;
}

function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    return JSON.stringify(value);
}

// Walks a schema along a path, through wrappers, records and arrays, to list the keys allowed there.
function allowedKeys(schema: z.ZodType, path: readonly PathKey[]): string[] {
    let node: z.ZodType | undefined = schema;
    for (const key of [...path, undefined]) {
        while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable || node instanceof z.ZodPipe) {
            node = (node instanceof z.ZodPipe ? node.in : node.unwrap()) as z.ZodType;
        }
        if (key === undefined) break;
        if (node instanceof z.ZodObject) node = node.shape[String(key)] as z.ZodType | undefined;
        else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else return [];
    }
    return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

// What is wrong with one value: what is allowed, and what was given.
function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
    // A schema's own message (not zod's "Invalid ...") already says what is allowed.
    if (!issue.message.startsWith("Invalid") && issue.code !== "invalid_key") return `${issue.message}, got ${describe(given)}`;
    if (issue.code === "invalid_value") {
        const allowed = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
        return given === undefined ? `is required; ${allowed}` : `${allowed}, got ${describe(given)}`;
    }
    if (issue.code === "invalid_type" && given === undefined) return `is required (expected ${issue.expected})`;
    if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${describe(given)}`;
    if (issue.code === "invalid_key") return issue.issues.map((i) => i.message).join("; ");
    return `${issue.message}, got ${describe(given)}`;
}

/**
 * One line per zod issue, each starting with `keyOf(path)`. Unknown keys get
 * one line each, so a typo is reported where it stands.
 */
export function formatZodIssues(
    schema: z.ZodType,
    input: unknown,
    issues: readonly z.core.$ZodIssue[],
    keyOf: (path: readonly PathKey[]) => string,
): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            const allowed = allowedKeys(schema, issue.path);
            for (const key of issue.keys) {
                lines.push(`${keyOf([...issue.path, key])}: unknown key; allowed here: ${allowed.join(", ")}${didYouMean(key, allowed)}`);
            }
            continue;
        }
        const given = valueAt(input, issue.path);
        const text = describeIssue(issue, given);
        const key = keyOf(issue.path);
        // An empty key (a scalar argument checked as a whole) leaves just the message.
        lines.push(key ? `${key}: ${text}` : text);
    }
    return lines;
}
