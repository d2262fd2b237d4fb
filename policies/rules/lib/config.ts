import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A policy's config with the schema's defaults filled in. The CLI applies
 * schema defaults itself, but a pack run without a config file (or the
 * in-process runner) hands over only what was set, so every policy reads its
 * knobs through here.
 */
export function configWithDefaults<T extends object>(args: { getConfig<U extends object>(): U }, schema: PolicyConfigSchema): T {
    return { ...defaultsOf(schema), ...args.getConfig<Partial<T>>() } as T;
}

// Each schema's defaults, read once: resource policies ask for their config per resource.
const DEFAULTS = new WeakMap<PolicyConfigSchema, Record<string, unknown>>();

function defaultsOf(schema: PolicyConfigSchema): Record<string, unknown> {
    let defaults = DEFAULTS.get(schema);
    if (!defaults) {
        defaults = Object.fromEntries(
            Object.entries(schema.properties)
                .filter(([, prop]) => typeof prop === "object" && prop.default !== undefined)
                .map(([key, prop]) => [key, (prop as { default: unknown }).default]),
        );
        DEFAULTS.set(schema, defaults);
    }
    return defaults;
}

/** A config knob that is a list of strings. */
export function stringList(description: string, defaults: string[] = []) {
    return { type: "array" as const, items: { type: "string" as const }, default: defaults, description };
}
