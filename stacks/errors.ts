import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { valueAt } from "../components/common/parse-args";

export const CONFIG_NAMESPACE = "istio-mesh";

/**
 * A config error is the user's to fix, not a bug: RunError makes Pulumi print
 * the message alone, without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(
            `invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

type PathKey = PropertyKey;

/** Full key as a user writes it with `pulumi config set --path`: `istio-mesh:istio.gateway.name`. */
export function configKey(path: readonly PathKey[]): string {
    const [top, ...rest] = path;
    let key = `${CONFIG_NAMESPACE}:${String(top ?? "")}`;
    // Numbers are list indexes; a record key that looks like one (a port) stays a key.
    for (const part of rest) key += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
    return key;
}

function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    return JSON.stringify(value);
}

// Looks through wrappers (optional, default, pipe) to the schema that does the checking.
function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
    while (node) {
        if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) {
            node = node.unwrap() as z.ZodType;
        } else if (node instanceof z.ZodPipe) {
            node = node.in as z.ZodType;
        } else {
            return node;
        }
    }
    return undefined;
}

// Walks a schema along a config path (object keys, record keys, list indexes) to list the keys allowed there.
function allowedKeys(schema: z.ZodType, path: readonly PathKey[]): string[] {
    let node = unwrap(schema);
    for (const key of path) {
        if (node instanceof z.ZodObject) node = node.shape[String(key)] as z.ZodType | undefined;
        else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else return [];
        node = unwrap(node);
    }
    return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/**
 * One line per zod issue: the full key, what is allowed, and what was given.
 * Unknown keys get one line each, so a typo is reported where it stands.
 */
export function formatIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            const allowed = allowedKeys(schema, issue.path);
            for (const key of issue.keys) {
                const where = issue.path.length === 0 ? `${CONFIG_NAMESPACE}:${key}` : configKey([...issue.path, key]);
                lines.push(`${where}: unknown key; allowed here: ${allowed.join(", ")}`);
            }
            continue;
        }
        const given = valueAt(input, issue.path);
        const key = configKey(issue.path);
        if (issue.code === "invalid_value") {
            const allowed = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
            lines.push(given === undefined ? `${key}: is required; ${allowed}` : `${key}: ${allowed}, got ${describe(given)}`);
        } else if (issue.code === "invalid_type" && given === undefined) {
            lines.push(`${key}: is required (expected ${issue.expected})`);
        } else if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
            lines.push(`${key}: expected ${issue.expected}, got ${describe(given)}`);
        } else if (issue.code === "invalid_key") {
            lines.push(`${key}: ${issue.issues.map((i) => i.message).join("; ")}`);
        } else {
            lines.push(`${key}: ${issue.message}, got ${describe(given)}`);
        }
    }
    return lines;
}
