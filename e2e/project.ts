import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../scripts/mock-program";

/**
 * What a run of the real CLI on the local control plane needs around the
 * project (the end-to-end test, `npm run bench -- preview`).
 */

/** The folder of packaged charts the real engine installs from: ISTIO_MESH_CHART_MIRROR, else ../shared/charts/packages. */
export function chartMirrorDir(): { dir: string; problem?: string } {
    const dir = process.env.ISTIO_MESH_CHART_MIRROR ?? path.resolve(PROJECT_ROOT, "..", "shared", "charts", "packages");
    return fs.existsSync(dir)
        ? { dir }
        : { dir, problem: `no chart mirror at ${dir}: set ISTIO_MESH_CHART_MIRROR to a folder of packaged charts (see CONTRIBUTING.md, End-to-end tests)` };
}

/**
 * A throwaway copy of the project: its files linked, no stack file of its own
 * (the caller writes the one it runs), so runs never touch the working tree's stacks.
 */
export function linkedProject(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const entry of fs.readdirSync(PROJECT_ROOT)) {
        if (/^Pulumi\.[\w-]+\.yaml$/.test(entry) || entry === ".git" || entry === "out") continue;
        fs.symlinkSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry));
    }
    return dir;
}

/** The environment of the real CLI: the toolchain first on PATH, a file backend and a PULUMI_HOME of its own. */
export function cliEnv(bin: string, kubeconfig: string, work: string, backend: string, passphrase: string): NodeJS.ProcessEnv {
    return {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        KUBECONFIG: kubeconfig,
        PULUMI_HOME: path.join(work, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
    };
}

/**
 * The environment of `pulumi <args>`: `env` with PULUMI_SKIP_CHECKPOINTS set for a preview and removed
 * for anything else. With a file (DIY) backend the CLI (3.274.1) serializes the whole snapshot after
 * every step of a preview, only to discard it: 62% of its CPU at 100 services, and 475 s instead of
 * 65 s for 500. A preview writes no state, so skipping checkpoints loses nothing; `up` and `destroy`
 * keep them even when the caller's shell skips them (README, Performance).
 */
export function commandEnv(args: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const { PULUMI_SKIP_CHECKPOINTS: _, ...others } = env;
    // The command comes first, as every caller here writes it.
    return args[0] === "preview" ? { ...others, PULUMI_SKIP_CHECKPOINTS: "true" } : others;
}

/** `scripts/local-cluster.sh <verb>` on a cluster folder of its own (the port from ISTIO_MESH_CLUSTER_PORT); true when it succeeds. */
export function localCluster(clusterDir: string): (verb: "up" | "down") => boolean {
    const env = { ...process.env, ISTIO_MESH_CLUSTER: clusterDir };
    return (verb) => spawnSync(path.join(PROJECT_ROOT, "scripts", "local-cluster.sh"), [verb], { stdio: "inherit", env }).status === 0;
}
