import { spawnSync } from "child_process";
import * as os from "os";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { render } from "../scripts/render";
import { PROJECT_ROOT } from "../scripts/mock-program";

/**
 * Speed targets (never timed tests): the offline render of each shipped stack
 * must take "under a few seconds" for a reviewer, from the command line, cold.
 * Prints the timings and exits 1 when a target is missed.
 */
const TARGETS_MS = { cli: 5000, inProcess: 1500 };
const RUNS = 3;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<number> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-bench-"));
    const rows: Array<[string, number, number]> = [];
    for (const stack of ["dev", "prod"]) {
        const cli: number[] = [];
        const inProcess: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            let start = performance.now();
            const result = spawnSync("npm", ["run", "-s", "render", "--", "--stack", stack, "--out", out], { cwd: PROJECT_ROOT });
            if (result.status !== 0) throw new Error(`render --stack ${stack} exited ${result.status}`);
            cli.push(performance.now() - start);
            start = performance.now();
            await render(["--stack", stack, "--out", out], () => undefined);
            inProcess.push(performance.now() - start);
        }
        rows.push([`render ${stack} (command line, cold)`, median(cli), TARGETS_MS.cli]);
        rows.push([`render ${stack} (in process, warm)`, median(inProcess), TARGETS_MS.inProcess]);
    }
    let missed = 0;
    for (const [what, ms, target] of rows) {
        const ok = ms <= target;
        if (!ok) missed++;
        console.log(`${what.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  (target ${target} ms)  ${ok ? "ok" : "MISSED"}`);
    }
    return missed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
