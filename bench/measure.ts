import * as path from "path";
import { performance } from "perf_hooks";
import { MESH_PROFILES } from "../components/mesh/defaults";
import { PROJECT_ROOT, Registered, runProgram } from "../scripts/mock-program";
import type { Profile } from "../stacks/schema";
import { benchStackConfig } from "./stack-config";

/**
 * One data point of the scale benchmark, alone in its process so that its
 * peak RSS is its own: `node bin/bench/measure.js <kind> <n> <profile>`.
 * Prints one JSON line (a `runs` entry of bench/results.json).
 */

export const KINDS = ["program", "baseline", "policies"] as const;
export type Kind = (typeof KINDS)[number];

export interface Run {
    n: number;
    profile: Profile;
    kind: Kind;
    ms: number;
    cpuMs: number;
    peakRssMB: number;
    resources: number;
    edges: number;
    /** The wall times of every repetition, when the bench took the median of several (bench/run.ts). */
    samples?: number[];
}

// The shipped stacks' policy configs: dev's for the demo profile, prod's for production.
const POLICY_CONFIG: Record<Profile, string> = { demo: "dev.json", production: "prod.json" };

/** Starts the clocks; the returned function reads wall and CPU time since then. */
function stopwatch(): () => { ms: number; cpuMs: number } {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    return () => {
        const used = process.cpuUsage(cpu);
        return { ms: Math.round(performance.now() - wall), cpuMs: Math.round((used.user + used.system) / 1000) };
    };
}

const edgesOf = (resources: Registered[]) => resources.reduce((sum, r) => sum + r.dependencies.length, 0);

export async function measure(kind: Kind, n: number, profile: Profile): Promise<Run> {
    const config = benchStackConfig(n, profile);
    let elapsed = stopwatch();
    // Each program's own modules load on the clock, as a preview loads them: index.ts inside runProgram, the baseline here.
    const baseline = async () => (await import("./baseline")).baselineProgram(n, profile)();
    const { resources } = await runProgram(config, "bench", [], kind === "baseline" ? baseline : undefined);
    let time = elapsed();
    if (kind === "policies") {
        const [{ policies }, { readPolicyConfig }, { evaluatePolicies }] =
            await Promise.all([import("../policies/rules"), import("../policies/runner/config"), import("../policies/runner/evaluate")]);
        // The pack gets each resource's inputs decoded (by the analyzer's own request), so decode them before the clock starts.
        for (const r of resources) void r.inputs;
        const policyConfig = readPolicyConfig(path.join(PROJECT_ROOT, "policies/config", POLICY_CONFIG[profile]), policies.map((p) => p.name));
        elapsed = stopwatch();
        await evaluatePolicies(policies, resources, { config: policyConfig });
        time = elapsed();
    }
    // maxRSS is in KiB: the process's peak, so each data point runs in a process of its own.
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    return { n, profile, kind, ...time, peakRssMB, resources: resources.length, edges: edgesOf(resources) };
}

function parse(argv: string[]): [Kind, number, Profile] {
    const [kind, n, profile] = argv;
    const usage = `usage: measure <${KINDS.join("|")}> <n> <${MESH_PROFILES.join("|")}>`;
    if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`kind "${kind}": ${usage}`);
    if (!/^[1-9][0-9]*$/.test(n ?? "")) throw new Error(`n "${n}" is not a positive integer: ${usage}`);
    // Not stacks/schema's PROFILES: importing that would load the program's modules before the clock starts.
    if (!(MESH_PROFILES as readonly string[]).includes(profile)) throw new Error(`profile "${profile}": ${usage}`);
    return [kind as Kind, Number(n), profile as Profile];
}

if (require.main === module) {
    // Pulumi's log lines (warnings about the generated config) go to stderr; stdout carries the result only.
    measure(...parse(process.argv.slice(2))).then(
        (run) => {
            process.stdout.write(`${JSON.stringify(run)}\n`);
            process.exit(0);
        },
        (e) => {
            console.error(e);
            process.exit(2);
        },
    );
}
