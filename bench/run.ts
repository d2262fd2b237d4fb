import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { parse, stringify } from "yaml";
import { textTable } from "../policies/runner/table";
import { runCommand } from "../scripts/cli";
import { PROJECT_ROOT } from "../scripts/mock-program";
import { render } from "../scripts/render";
import { PROFILES, Profile } from "../stacks/schema";
import { Kind, KINDS, Run } from "./measure";
import { plotSvg } from "./plot";
import { previewBench } from "./preview";
import { benchStackConfig } from "./stack-config";

// The bench's own flags, `--name value` (the scripts' strict parser is in scripts/cli.ts).
function option(argv: string[], name: string, fallback: string): string {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

/**
 * The benchmark (a script, never a timed test):
 *
 *   npm run bench [-- --n 10,100,500,2000] [--profiles demo,production] [--repeat 3] [--loader ts-node] [--no-render]
 *   npm run bench -- config --n 500 [--profile production] [--out Pulumi.scale.yaml]
 *   npm run bench -- preview [--n 500] [--policies]
 *
 * Scale: for each N and profile, the program, the raw baseline (bench/baseline.ts)
 * and the policy pack over the program's resources, each in a process of its own
 * (compiled JavaScript; `--loader ts-node` runs the sources through ts-node to compare), `--repeat`
 * times (3 by default), keeping the run of median wall time.
 * Writes bench/results.json and bench/results.svg. Render: the offline render's timings.
 * `config` writes a generated stack file, for `pulumi preview` on a real engine;
 * `preview` times that preview and a server-side dry run on the local control plane (bench/preview.ts).
 * Exits 1 when a target is missed.
 */

const BENCH_DIR = path.join(PROJECT_ROOT, "bench");
const USAGE = "usage: npm run bench [-- --n 10,100,500,2000] [--profiles demo,production] [--repeat 3] [--loader ts-node] [--no-render] " +
    "| npm run bench -- config --n <N> [--profile production] [--out <stack file>] | npm run bench -- preview [--n 500] [--policies]";

export const SIZES = [10, 100, 500, 2000];

/** Ratios over the production runs, as the issue reads them: overhead over the baseline, growth 500 -> 2,000. */
export interface Ratios {
    overhead500?: number;
    overhead2000?: number;
    programGrowth?: number;
    policiesGrowth?: number;
    edgesGrowth?: number;
}

const RENDER_TARGETS_MS = { cli: 5000, inProcess: 1500 };
const RENDER_RUNS = 3;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function list<T extends string>(text: string, allowed: readonly T[], what: string): T[] {
    const items = text.split(",").filter(Boolean);
    for (const item of items) {
        if (!allowed.includes(item as T)) throw new UsageError(`${what} "${item}": expected ${allowed.join(", ")}`);
    }
    return items as T[];
}

function sizes(text: string, flag = "--n", example = SIZES.join(",")): number[] {
    return text.split(",").filter(Boolean).map((item) => {
        if (!/^[1-9][0-9]*$/.test(item)) throw new UsageError(`${flag} "${item}": expected positive integers, such as ${example}`);
        return Number(item);
    });
}

class UsageError extends Error {}

/**
 * Node.js as `pulumi preview` starts it: with Pulumi.yaml's `nodeargs`, and with the
 * source-map stack formatting the SDK's entry (`@pulumi/pulumi/cmd/run`) registers
 * before it loads the program, so the SDK's stack captures cost what they cost there.
 */
export function cliNodeArgs(): string[] {
    const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as { runtime?: { options?: { nodeargs?: string } } };
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    return [...(project.runtime?.options?.nodeargs ?? "").split(/\s+/).filter(Boolean),
        "-r", require.resolve("source-map-support/register", { paths: [sdk] })];
}

function measureInChild(kind: Kind, n: number, profile: Profile, loader: string): Run {
    const args = loader === "ts-node"
        ? ["-r", "ts-node/register/transpile-only", path.join(BENCH_DIR, "measure.ts")]
        : [...cliNodeArgs(), path.join(__dirname, "measure.js")];
    const child = spawnSync(process.execPath, [...args, kind, String(n), profile], { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    if (child.status !== 0) throw new Error(`measure ${kind} ${n} ${profile} exited ${child.status}:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as Run;
}

/**
 * A data point measured `repeat` times, each in a fresh process: the run of median wall time, with
 * every run's wall time in `samples` and the highest peak RSS of all (one slow run on a shared
 * machine says little; a memory peak counts whenever it happens).
 */
export function medianRun(runs: Run[]): Run {
    const byTime = [...runs].sort((a, b) => a.ms - b.ms);
    const mid = byTime[Math.floor((byTime.length - 1) / 2)];
    return { ...mid, peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)), samples: runs.map((r) => r.ms) };
}

function find(runs: Run[], kind: Kind, n: number): Run | undefined {
    return runs.find((r) => r.kind === kind && r.n === n && r.profile === "production");
}

function ratio(a: Run | undefined, b: Run | undefined, field: "ms" | "edges" = "ms"): number | undefined {
    return a && b && b[field] > 0 ? Math.round((a[field] / b[field]) * 100) / 100 : undefined;
}

export function ratios(runs: Run[]): Ratios {
    return {
        overhead500: ratio(find(runs, "program", 500), find(runs, "baseline", 500)),
        overhead2000: ratio(find(runs, "program", 2000), find(runs, "baseline", 2000)),
        programGrowth: ratio(find(runs, "program", 2000), find(runs, "program", 500)),
        policiesGrowth: ratio(find(runs, "policies", 2000), find(runs, "policies", 500)),
        edgesGrowth: ratio(find(runs, "program", 2000), find(runs, "program", 500), "edges"),
    };
}

/** The targets; those whose runs are missing are left out. */
export function targets(runs: Run[], r: Ratios): Array<[string, number | undefined, number]> {
    const program2000 = find(runs, "program", 2000);
    return [
        ["program ms, N=2,000 production", program2000?.ms, 10000],
        ["program peak RSS MB, N=2,000 production", program2000?.peakRssMB, 1024],
        ["overhead over baseline, N=500", r.overhead500, 1.15],
        ["program growth 500 -> 2,000", r.programGrowth, 4.2],
        ["policies growth 500 -> 2,000", r.policiesGrowth, 4.2],
        ["edges growth 500 -> 2,000", r.edgesGrowth, 4.5],
        ["policies ms, N=2,000 production", find(runs, "policies", 2000)?.ms, 1000],
    ];
}

function scaleTable(runs: Run[]): string {
    const rows: string[][] = [];
    for (const profile of PROFILES) {
        for (const n of [...new Set(runs.map((r) => r.n))].sort((a, b) => a - b)) {
            const of = (kind: Kind) => runs.find((r) => r.kind === kind && r.n === n && r.profile === profile);
            const [program, baseline, pack] = KINDS.map(of);
            if (!program && !baseline && !pack) continue;
            const cell = (r: Run | undefined, f: keyof Run) => (r ? String(r[f]) : "-");
            rows.push([profile, String(n), cell(program, "resources"), cell(program, "edges"), cell(program, "ms"), cell(program, "cpuMs"),
                cell(baseline, "ms"), cell(baseline, "cpuMs"), String(ratio(program, baseline) ?? "-"),
                cell(pack, "ms"), cell(pack, "cpuMs"), cell(program, "peakRssMB")]);
        }
    }
    return textTable(["PROFILE", "N", "RESOURCES", "EDGES", "PROGRAM MS", "CPU MS", "BASELINE MS", "CPU MS", "OVERHEAD",
        "POLICIES MS", "CPU MS", "PEAK RSS MB"], rows);
}

async function renderTimings(print: (text: string) => void): Promise<number> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-bench-"));
    let missed = 0;
    for (const stack of ["dev", "prod"]) {
        const cli: number[] = [];
        const inProcess: number[] = [];
        for (let i = 0; i < RENDER_RUNS; i++) {
            let start = performance.now();
            const result = spawnSync("npm", ["run", "-s", "render", "--", "--stack", stack, "--out", out], { cwd: PROJECT_ROOT });
            if (result.status !== 0) throw new Error(`render --stack ${stack} exited ${result.status}`);
            cli.push(performance.now() - start);
            start = performance.now();
            await render(["--stack", stack, "--out", out], () => undefined);
            inProcess.push(performance.now() - start);
        }
        for (const [what, ms, target] of [
            [`render ${stack} (command line, cold)`, median(cli), RENDER_TARGETS_MS.cli],
            [`render ${stack} (in process, warm)`, median(inProcess), RENDER_TARGETS_MS.inProcess],
        ] as const) {
            if (ms > target) missed++;
            print(`${what.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  (target ${target} ms)  ${ms <= target ? "ok" : "MISSED"}`);
        }
    }
    return missed;
}

function writeConfig(argv: string[], print: (text: string) => void): number {
    const n = sizes(option(argv, "n", "500"))[0];
    const [profile] = list(option(argv, "profile", "production"), PROFILES, "--profile");
    const file = path.resolve(option(argv, "out", path.join(PROJECT_ROOT, `Pulumi.scale${n}.yaml`)));
    fs.writeFileSync(file, `# Generated by npm run bench -- config: ${n} services, profile ${profile} (bench/stack-config.ts).\n` +
        stringify({ config: benchStackConfig(n, profile) }));
    print(`Wrote ${path.relative(process.cwd(), file)}: ${n} services on the ${profile} profile.`);
    return 0;
}

export async function bench(argv: string[], print: (text: string) => void): Promise<number> {
    try {
        if (argv[0] === "config") return writeConfig(argv.slice(1), print);
        if (argv[0] === "preview") return previewBench(sizes(option(argv, "n", "500"))[0], argv.includes("--policies"), print);
        const ns = sizes(option(argv, "n", SIZES.join(",")));
        const profiles = list(option(argv, "profiles", PROFILES.join(",")), PROFILES, "--profiles");
        const loader = option(argv, "loader", "node");
        if (!["node", "ts-node"].includes(loader)) throw new UsageError(`--loader "${loader}": expected node or ts-node`);
        const repeat = sizes(option(argv, "repeat", "3"), "--repeat", "3")[0];

        const runs: Run[] = [];
        for (const profile of profiles) {
            for (const n of ns) {
                for (const kind of KINDS) {
                    const run = medianRun(Array.from({ length: repeat }, () => measureInChild(kind, n, profile, loader)));
                    print(`${kind.padEnd(8)} ${profile.padEnd(10)} N=${String(n).padEnd(5)} ${String(run.ms).padStart(6)} ms ` +
                        `(cpu ${run.cpuMs} ms; runs ${run.samples!.join(", ")} ms), peak RSS ${run.peakRssMB} MB, ${run.resources} resources, ${run.edges} edges`);
                    runs.push(run);
                }
            }
        }
        const r = ratios(runs);
        const out = path.resolve(option(argv, "out", path.join(BENCH_DIR, "results.json")));
        fs.writeFileSync(out, `${JSON.stringify({ loader, repeat, cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), runs, ratios: r }, null, 2)}\n`);
        const svg = out.replace(/\.json$/, "") + ".svg";
        fs.writeFileSync(svg, plotSvg(runs));
        print(`\n${scaleTable(runs)}\n`);
        print(`ratios: ${JSON.stringify(r)}\nwrote ${path.relative(process.cwd(), out)} and ${path.relative(process.cwd(), svg)}\n`);

        let missed = 0;
        for (const [what, value, target] of targets(runs, r)) {
            if (value === undefined) continue;
            if (value > target) missed++;
            print(`${what.padEnd(42)} ${String(value).padStart(8)}  (target <= ${target})  ${value <= target ? "ok" : "MISSED"}`);
        }
        if (!argv.includes("--no-render")) missed += await renderTimings(print);
        return missed === 0 ? 0 : 1;
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        print(`error: ${e.message}\n${USAGE}`);
        return 2;
    }
}

if (require.main === module) runCommand(bench, 3);
