import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { fieldPath, formatZodIssues } from "../components/common/issues";

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

/** Full key as a user writes it with `pulumi config set --path`: `istio-mesh:istio.gateway.name`. */
export function configKey(path: readonly PropertyKey[]): string {
    return `${CONFIG_NAMESPACE}:${fieldPath(path)}`;
}

/**
 * One line per zod issue: the full key, what is allowed, and what was given.
 * Unknown keys get one line each, so a typo is reported where it stands.
 */
export function formatIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
    return formatZodIssues(schema, input, issues, configKey);
}
