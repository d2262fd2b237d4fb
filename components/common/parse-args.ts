import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { fieldPath, formatZodIssues } from "./issues";

/**
 * Invalid arguments to a builder or component: names the object (`Kiali kiali`,
 * `AuthorizationPolicy default/orders-policy`) and every bad field, with what
 * is allowed and what was given.
 */
export class ArgsError extends Error {
    constructor(readonly subject: string, readonly problems: string[]) {
        super(problems.map((p) => `${subject}: ${p}`).join("\n"));
        this.name = "ArgsError";
    }
}

/**
 * Problem lines for `value` against `schema`, in the same words as stack
 * config errors; `field` is the argument `value` was given as (`istiod`), so
 * each line names the whole path from the component's arguments.
 */
/** @internal */
export function argsProblems(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[], field?: string): string[] {
    return formatZodIssues(schema, value, issues, (path) => fieldPath(field === undefined ? path : [field, ...path]));
}

/** `schema.parse` that throws an ArgsError naming `subject` (`IstioMesh istio`) and each field. */
/** @internal */
export function parseArgs<T extends z.ZodType>(schema: T, value: unknown, subject: string, field?: string): z.output<T> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new ArgsError(subject, argsProblems(schema, value, result.error.issues, field));
}

/**
 * parseArgs for a component argument that may be an Output: a plain value is
 * also checked at once, so the error points at the caller.
 */
/** @internal */
export function parseInput<T extends z.ZodType>(schema: T, input: pulumi.Input<z.input<T>>, subject: string, field?: string): pulumi.Output<z.output<T>> {
    if (!pulumi.Output.isInstance(input) && !(input instanceof Promise)) parseArgs(schema, input, subject, field);
    return pulumi.output(input).apply((value) => parseArgs(schema, value, subject, field));
}
