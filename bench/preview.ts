import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { stringify } from "yaml";
import { setPath } from "../e2e/config-path";
import { e2eOverrides } from "../e2e/overrides";
import { chartMirrorDir, cliEnv, commandEnv, linkedProject, localCluster } from "../e2e/project";
import { PROJECT_ROOT, Registered, runProgram } from "../scripts/mock-program";
import { sortedObjects } from "../scripts/render/manifest";
import { ownConfig, parseEnvironment } from "../stacks/load";
import { benchStackConfig } from "./stack-config";

/**
 * The real engine against the local control plane (scripts/local-cluster.sh):
 * `pulumi preview` of a generated N-service production stack (the cached CLI,
 * our Node.js host, the Kubernetes provider; charts from the mirror), and
 * `kubectl apply --server-side --dry-run=server` of the same objects as the
 * program renders them. Both run on a cluster that already has Istio's CRDs
 * (from the base chart in the mirror) and the stack's namespaces, so that
 * the dry run can judge every object. Writes bench/preview-results.json.
 *
 *   npm run bench -- preview [--n 500] [--policies]
 */

export interface PreviewResult {
    n: number;
    /** Bytes of PULUMI_CONFIG the host hands the program. */
    configBytes: number;
    previewMs: number;
    /** Steps the preview reports (every resource is a create on a fresh stack). */
    previewSteps: number;
    policies: boolean;
    dryRunMs: number;
    dryRunObjects: number;
    /** Objects of API groups whose CRDs the cluster lacks (cert-manager's): left out of the dry run. */
    leftOut: string[];
    ratio: number;
    loadavg: number[];
}

const RESULTS = path.join(PROJECT_ROOT, "bench", "preview-results.json");
const TOOLS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-kubernetes", "kubectl"];
const TIMEOUT_MS = 60 * 60 * 1000;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/**
 * The size of PULUMI_CONFIG=<config as JSON, structured values as JSON text>, as the host builds it. Over
 * Linux's 128 KiB for one environment string (pulumi/pulumi#8680) from about 135 services on, where our
 * Node.js host passes it through a private file instead (scripts/toolchain/pulumi-language-hosts/largeenv.go).
 */
export function configEnvBytes(config: Record<string, unknown>): number {
    const engine = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return Buffer.byteLength(`PULUMI_CONFIG=${JSON.stringify(engine)}`) + 1;
}

// The API groups whose objects the dry run can judge: built-in kinds, and Istio's from the base chart's CRDs.
const judged = (apiVersion: string) => !apiVersion.includes("/") || apiVersion.split("/")[0].endsWith(".istio.io");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string, input?: string): string {
    const r = spawnSync(cmd, args, { cwd, env, input, encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(" ")} exited ${r.status ?? r.signal}:\n${(r.stdout + r.stderr).slice(-4000)}`);
    return r.stdout;
}

function timed<T>(body: () => T): [T, number] {
    const start = performance.now();
    const value = body();
    return [value, Math.round(performance.now() - start)];
}

// Secrets as the cluster would get them (the render keeps the engine's secret wrapper).
function reveal(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reveal);
    if (value && typeof value === "object") {
        const tree = value as Record<string, unknown>;
        if (tree[SECRET_SIG] !== undefined) return reveal(tree.value);
        return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** The rendered Kubernetes objects (no charts, no components), split into those the dry run judges and the rest. */
export function dryRunObjects(resources: readonly Registered[]): { objects: Record<string, any>[]; leftOut: string[] } {
    const objects = sortedObjects(resources).filter((r) => typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string");
    return {
        objects: objects.filter((r) => judged(r.inputs.apiVersion)).map((r) => reveal(r.inputs) as Record<string, any>),
        leftOut: objects.filter((r) => !judged(r.inputs.apiVersion)).map((r) => `${r.inputs.kind} ${r.inputs.metadata?.namespace ?? ""}/${r.inputs.metadata?.name}`),
    };
}

export async function previewBench(n: number, policies: boolean, print: (text: string) => void): Promise<number> {
    const mirror = chartMirrorDir();
    if (mirror.problem) {
        print(`error: ${mirror.problem}`);
        return 2;
    }
    const ensure = path.join(PROJECT_ROOT, "scripts", "toolchain", "ensure.sh");
    if (spawnSync(ensure, TOOLS, { stdio: "inherit" }).status !== 0) {
        print("error: the toolchain could not be made available (see above)");
        return 1;
    }
    const bin = run(ensure, ["--bin-dir"], process.env).trim();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-bench-preview-"));
    const clusterDir = process.env.ISTIO_MESH_CLUSTER ?? path.join(work, "cluster");
    const kubeconfig = path.join(clusterDir, "kubeconfig");
    const cluster = localCluster(clusterDir);
    const stack = `scale${n}`;
    const project = linkedProject(`istio-mesh-bench-${stack}-`);
    try {
        // The bench stack as the e2e would run it: charts from the mirror, the local context, no load balancer.
        let config = benchStackConfig(n, "production");
        for (const o of e2eOverrides(parseEnvironment(ownConfig(config)), mirror.dir)) config = setPath(config, o.key, o.value);
        fs.writeFileSync(path.join(project, `Pulumi.${stack}.yaml`), stringify({ config }));
        const backend = path.join(work, "backend");
        fs.mkdirSync(backend);
        const env = cliEnv(bin, kubeconfig, work, backend, `bench-${process.pid}`);
        const pulumi = (args: string[]) => run(path.join(bin, "pulumi"), [...args, "--non-interactive"], commandEnv(args, env), project);
        const kubectl = (args: string[], input?: string) => run(path.join(bin, "kubectl"), ["--kubeconfig", kubeconfig, ...args], env, undefined, input);

        // The objects the program renders, under mocks with the same config.
        const { objects, leftOut } = dryRunObjects((await runProgram(config, stack)).resources);
        const manifest = objects.map((o) => `---\n${stringify(o)}`).join("");

        if (!cluster("up")) throw new Error("the local cluster did not come up");
        pulumi(["stack", "init", stack, "--secrets-provider", "passphrase"]);
        // Istio's CRDs as the base chart ships them (its templates only relabel this file), and the namespaces.
        const version = parseEnvironment(ownConfig(config)).istio.version;
        const crds = run("tar", ["-xzOf", path.join(mirror.dir, `base-${version}.tgz`), "base/files/crd-all.gen.yaml"], env);
        kubectl(["apply", "--server-side", "-f", "-"], crds);
        kubectl(["wait", "--for", "condition=established", "--timeout", "120s", "crd", "--all"]);
        kubectl(["apply", "--server-side", "-f", "-"], objects.filter((o) => o.kind === "Namespace").map((o) => `---\n${stringify(o)}`).join(""));

        print(`pulumi preview of ${n} services (${objects.length + leftOut.length} objects and the charts)...`);
        const pack = policies ? ["--policy-pack", path.join(project, "policies"), "--policy-pack-config", path.join(project, "policies", "config", "prod.json")] : [];
        const [out, previewMs] = timed(() => pulumi(["preview", "--json", ...pack]));
        const previewSteps = (JSON.parse(out) as { steps?: unknown[] }).steps?.length ?? 0;
        print(`kubectl apply --server-side --dry-run=server of ${objects.length} objects...`);
        const [, dryRunMs] = timed(() => kubectl(["apply", "--server-side", "--dry-run=server", "--field-manager", "istio-mesh-bench", "-f", "-"], manifest));

        const result: PreviewResult = {
            n, configBytes: configEnvBytes(config), previewMs, previewSteps, policies, dryRunMs, dryRunObjects: objects.length, leftOut,
            ratio: Math.round((previewMs / dryRunMs) * 10) / 10,
            loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
        };
        fs.writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
        print(`pulumi preview${policies ? " with the policy pack" : ""}: ${previewMs} ms (${previewSteps} steps)\n` +
            `kubectl apply --server-side --dry-run=server: ${dryRunMs} ms (${objects.length} objects; left out, no CRD: ${leftOut.join(", ") || "none"})\n` +
            `config ${result.configBytes} bytes; ratio ${result.ratio}; load average ${result.loadavg.join(", ")}; wrote ${path.relative(process.cwd(), RESULTS)}`);
        return 0;
    } finally {
        cluster("down");
        for (const dir of [work, project]) fs.rmSync(dir, { recursive: true, force: true });
    }
}
