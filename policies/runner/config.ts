import type { EnforcementLevel, Policy, PolicyPackConfig } from "@pulumi/policy";
import * as fs from "fs";

export type { PolicyPackConfig };

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * A `--policy-pack-config` file: `{"all": <level>, "<policy>": <level> | {enforcementLevel, ...knobs}}`.
 * Unknown policies and levels are errors here, as they are for the CLI.
 */
export function readPolicyConfig(file: string, policyNames: string[]): PolicyPackConfig {
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as PolicyPackConfig;
    for (const [name, value] of Object.entries(config)) {
        if (name !== "all" && !policyNames.includes(name)) throw new Error(`${file}: unknown policy "${name}"`);
        const level = typeof value === "string" ? value : value.enforcementLevel;
        if (level !== undefined && !LEVELS.includes(level)) throw new Error(`${file}: ${name}: unknown enforcement level "${level}"`);
    }
    return config;
}

/** The CLI's order: the policy's own entry, then `all`, then the policy's default, then the pack's. */
export function enforcementOf(policy: Policy, config: PolicyPackConfig, packLevel: EnforcementLevel): EnforcementLevel {
    const own = config[policy.name];
    const ownLevel = typeof own === "string" ? own : own?.enforcementLevel;
    const all = config.all;
    const allLevel = typeof all === "string" ? all : all?.enforcementLevel;
    return ownLevel ?? allLevel ?? policy.enforcementLevel ?? packLevel;
}

/** What `args.getConfig()` returns: the policy's entry without its enforcement level. */
export function knobsOf(policy: Policy, config: PolicyPackConfig): Record<string, unknown> {
    const own = config[policy.name];
    if (typeof own !== "object" || own === null) return {};
    const { enforcementLevel: _level, ...knobs } = own;
    return knobs;
}
