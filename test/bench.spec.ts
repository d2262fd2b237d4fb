import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { baselineProgram } from "../bench/baseline";
import { plotSvg } from "../bench/plot";
import { configEnvBytes, dryRunObjects } from "../bench/preview";
import { cliNodeArgs, medianRun, ratios, targets } from "../bench/run";
import type { Run } from "../bench/measure";
import { benchStackConfig, namespaceCount } from "../bench/stack-config";
import { PROFILES } from "../stacks/schema";
import { ProgramRun, Registered, runProgram } from "./helpers/mock-program";
import { registrationTurns } from "./helpers/turn-counter";

/** The services' namespaces and the mesh's mTLS and authorization objects a run registers, as the cluster would get them. */
function objects(run: ProgramRun): string[] {
    return run.resources
        .filter((r) => (r.type === "kubernetes:core/v1:Namespace" && r.inputs.metadata.name.startsWith("team-")) ||
            /^kubernetes:(networking|security)\.istio\.io\//.test(r.type))
        .map((r) => JSON.stringify({ kind: r.inputs.kind ?? r.type, metadata: r.inputs.metadata, spec: r.inputs.spec }))
        .sort();
}

describe("scale benchmark (bench/)", () => {
    for (const profile of PROFILES) {
        it(`${profile}: the raw baseline registers the same Istio objects and namespaces as the program`, async () => {
            const program = await runProgram(benchStackConfig(45, profile), "bench");
            const baseline = await runProgram(benchStackConfig(45, profile), "bench", [], baselineProgram(45, profile));
            const expected = objects(program);
            assert.ok(expected.length > 45 * 3, `${expected.length} objects`);
            assert.deepEqual(objects(baseline), expected);
        });
    }

    it("the program and the baseline register the rules and policies of 45 services over several event-loop turns alike", async () => {
        const rulesAndPolicies = (r: Registered) => /^kubernetes:(networking|security)\.istio\.io\/v1:(DestinationRule|VirtualService|AuthorizationPolicy)$/.test(r.type);
        const config = benchStackConfig(45, "production");
        const program = await registrationTurns((resources) => runProgram(config, "bench", resources), rulesAndPolicies);
        const baseline = await registrationTurns((resources) => runProgram(config, "bench", resources, baselineProgram(45, "production")), rulesAndPolicies);
        // 45 services ten a turn, then 47 policies ten a turn; declared all at once, they would arrive in one or two.
        // (The program's first services wait for istiod's chart, which registers a few turns in, so theirs arrive together.)
        assert.ok(program.size >= 4, `program: turns ${[...program].join(", ")}`);
        assert.ok(baseline.size >= 4, `baseline: turns ${[...baseline].join(", ")}`);
    });

    it("spreads N services over N/20 namespaces, at least one", () => {
        assert.deepEqual([10, 100, 2000].map(namespaceCount), [1, 5, 100]);
        const services = benchStackConfig(100, "production")["istio-mesh:services"] as Record<string, { namespace: string }>;
        assert.equal(Object.keys(services).length, 100);
        assert.equal(new Set(Object.values(services).map((s) => s.namespace)).size, 5);
    });

    const run = (kind: Run["kind"], n: number, ms: number, edges = n * 3): Run =>
        ({ n, profile: "production", kind, ms, cpuMs: ms, peakRssMB: 100, resources: n * 4, edges });

    it("reads the ratios off the production runs and checks them against the targets", () => {
        const runs = [run("program", 500, 1000), run("baseline", 500, 800), run("policies", 500, 100),
            run("program", 2000, 4500), run("baseline", 2000, 3600), run("policies", 2000, 500, 2000 * 3)];
        const r = ratios(runs);
        assert.deepEqual(r, { overhead500: 1.25, overhead2000: 1.25, programGrowth: 4.5, policiesGrowth: 5, edgesGrowth: 4 });
        const missed = targets(runs, r).filter(([, value, target]) => value !== undefined && value > target).map(([what]) => what);
        assert.deepEqual(missed, ["overhead over baseline, N=500", "program growth 500 -> 2,000", "policies growth 500 -> 2,000"]);
        assert.deepEqual(ratios([run("program", 500, 1000)]), {
            overhead500: undefined, overhead2000: undefined, programGrowth: undefined, policiesGrowth: undefined, edgesGrowth: undefined,
        });
    });

    it("keeps the run of median wall time, every run's time, and the highest peak RSS", () => {
        const m = medianRun([{ ...run("program", 500, 900), peakRssMB: 300 }, { ...run("program", 500, 3000), cpuMs: 1 }, { ...run("program", 500, 1000), peakRssMB: 120 }]);
        assert.deepEqual([m.ms, m.cpuMs, m.peakRssMB, m.samples], [1000, 1000, 300, [900, 3000, 1000]]);
        assert.equal(medianRun([run("program", 10, 7)]).ms, 7);
    });

    it("plots one line per kind and profile on log-log axes", () => {
        const svg = plotSvg([run("program", 10, 50), run("program", 2000, 5000), run("baseline", 10, 40), run("baseline", 2000, 4000)]);
        assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
        assert.match(svg, />program production</);
        assert.match(svg, />10000</, "the time axis runs to the next power of ten");
        assert.throws(() => plotSvg([]), /no runs/);
    });

    it("starts Node.js as pulumi preview does: Pulumi.yaml's nodeargs and the SDK's source-map stack formatting", () => {
        const args = cliNodeArgs();
        assert.ok(args.includes("--stack-trace-limit=0"), args.join(" "));
        assert.match(args[args.indexOf("-r") + 1], /source-map-support[\\/]register\.js$/);
    });

    it("loads neither program's own modules before the clock starts, so both pay for loading them alike", () => {
        // A child process: this one has loaded them all already.
        const early = ["index.ts", "bench/baseline.ts", "stacks/schema.ts", "policies/rules/index.ts", "node_modules/zod/index.cjs", "node_modules/@pulumi/kubernetes/index.js"];
        const probe = `require(${JSON.stringify(path.join(__dirname, "../bench/measure.ts"))});
            const loaded = Object.keys(require.cache).map((k) => k.split(require("path").sep).join("/"));
            process.stdout.write(JSON.stringify(${JSON.stringify(early)}.filter((f) => loaded.some((k) => k.endsWith("/" + f)))));`;
        const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", probe], { encoding: "utf8" });
        assert.equal(child.status, 0, child.stderr);
        assert.deepEqual(JSON.parse(child.stdout), []);
    });

    it("preview: measures the config the host passes as one environment string", () => {
        const small = configEnvBytes(benchStackConfig(10, "production"));
        const large = configEnvBytes(benchStackConfig(500, "production"));
        assert.ok(small < 32 * 4096 && large > 32 * 4096, `${small} and ${large} bytes`);
        assert.equal(configEnvBytes({ "istio-mesh:profile": "demo" }), Buffer.byteLength('PULUMI_CONFIG={"istio-mesh:profile":"demo"}') + 1);
    });

    it("preview: dry-runs the rendered objects of built-in and Istio kinds, revealing secrets, and lists the rest", async () => {
        const { resources } = await runProgram(benchStackConfig(20, "production"), "bench");
        const { objects, leftOut } = dryRunObjects(resources);
        const kinds = new Set(objects.map((o) => o.kind));
        for (const kind of ["Namespace", "DestinationRule", "VirtualService", "AuthorizationPolicy", "PeerAuthentication"]) assert.ok(kinds.has(kind), kind);
        assert.ok(!kinds.has("Certificate") && leftOut.some((o) => o.startsWith("Certificate ")), leftOut.join(", "));
        assert.ok(objects.every((o) => !JSON.stringify(o).includes("4dabf18193072939515e22adb298388d")), "no secret wrapper is left");
    });
});
