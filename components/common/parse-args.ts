import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { fieldPath, formatZodIssues } from "./issues";
import { didYouMean } from "./suggest";

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

/** How errors name a component: its type token and name, `istio-mesh:traffic:MeshService "api"`. */
export function componentSubject(type: string, name: string): string {
    return `${type} ${JSON.stringify(name)}`;
}

/**
 * The start of a component's constructor: how its errors name it (componentSubject),
 * after rejecting argument keys it does not have (a typo in JavaScript or another
 * language, where no compiler catches it), each with the closest known key.
 * `keys` lists every argument: a Record, so that the compiler keeps it complete.
 * @internal
 */
export function componentArgs<A extends object>(type: string, name: string, args: A, keys: Record<keyof A, true>): string {
    const subject = componentSubject(type, name);
    const known = Object.keys(keys);
    const unknown = Object.keys(args ?? {}).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
        // Worded as formatZodIssues words an unknown config key, so stack config and arguments read alike.
        throw new ArgsError(subject, unknown.map((key) => `${key}: unknown key; allowed here: ${known.join(", ")}${didYouMean(key, known)}`));
    }
    return subject;
}

/**
 * Runs a component's builders: an ArgsError of a builder (`AuthorizationPolicy
 * shop/p: ...`) comes out naming the component first, so every argument
 * error reads alike.
 * @internal
 */
export function inComponent<T>(subject: string, build: () => T): T {
    try {
        return build();
    } catch (e) {
        if (e instanceof ArgsError) {
            if (e.subject === subject) throw e;
            throw new ArgsError(subject, e.problems.map((p) => `${e.subject}: ${p}`));
        }
        throw e;
    }
}

/**
 * Problem lines for `value` against `schema`, in the same words as stack
 * config errors; `field` is the argument `value` was given as (`istiod`), so
 * each line names the whole path from the component's arguments.
 * @internal
 */
export function argsProblems(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[], field?: string): string[] {
    return formatZodIssues(schema, value, issues, (path) => fieldPath(field === undefined ? path : [field, ...path]));
}

/**
 * `schema.parse` that throws an ArgsError naming `subject` (`istio-mesh:mesh:IstioMesh "istio"`, `Kiali kiali`) and each field.
 * @internal
 */
export function parseArgs<T extends z.ZodType>(schema: T, value: unknown, subject: string, field?: string): z.output<T> {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new ArgsError(subject, argsProblems(schema, value, result.error.issues, field));
}

/**
 * parseArgs for a component argument that may be an Output: a plain value is
 * also checked at once, so the error points at the caller.
 * @internal
 */
export function parseInput<T extends z.ZodType>(schema: T, input: pulumi.Input<z.input<T>>, subject: string, field?: string): pulumi.Output<z.output<T>> {
    if (!pulumi.Output.isInstance(input) && !(input instanceof Promise)) parseArgs(schema, input, subject, field);
    return pulumi.output(input).apply((value) => parseArgs(schema, value, subject, field));
}
