import { spawnSync, SpawnSyncReturns } from "child_process";

/** Running commands in the e2e: a failure ends the current phase with the command's last lines. */

const COMMAND_TIMEOUT_MS = 20 * 60 * 1000;

export class PhaseFailure extends Error {}

export type Step = () => Promise<Record<string, number> | void> | Record<string, number> | void;

export function fail(message: string): never {
    throw new PhaseFailure(message);
}

export function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): SpawnSyncReturns<string> {
    const r = spawnSync(cmd, args, {
        cwd: opts.cwd, env: opts.env ?? process.env, input: opts.input, encoding: "utf8",
        timeout: COMMAND_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024,
        stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (r.error) fail(`${cmd} ${args.join(" ")}: ${r.error.message}`);
    return r;
}

export function must(r: SpawnSyncReturns<string>, what: string): string {
    if (r.status !== 0) fail(`${what} exited ${r.status}:\n${tail(r.stdout + r.stderr)}`);
    return r.stdout;
}

export function tail(text: string, lines = 40): string {
    return text.trimEnd().split("\n").slice(-lines).join("\n");
}
