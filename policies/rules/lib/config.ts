import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A policy's config with the schema's defaults filled in. The CLI applies
 * schema defaults itself, but a pack run without a config file (or the
 * in-process runner) hands over only what was set, so every policy reads its
 * knobs through here.
 */
export function configWithDefaults<T extends object>(args: { getConfig<U extends object>(): U }, schema: PolicyConfigSchema): T {
    const defaults = Object.fromEntries(
        Object.entries(schema.properties)
            .filter(([, prop]) => typeof prop === "object" && prop.default !== undefined)
            .map(([key, prop]) => [key, (prop as { default: unknown }).default]),
    );
    return { ...defaults, ...args.getConfig<Partial<T>>() } as T;
}

/** A config knob that is a list of strings. */
export function stringList(description: string, defaults: string[] = []) {
    return { type: "array" as const, items: { type: "string" as const }, default: defaults, description };
}
