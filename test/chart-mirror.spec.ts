import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chartSource } from "../components/common/chart-source";
import { parseEnvironment } from "../stacks/load";
import { chartMirrorProblems, stackCharts } from "../stacks/chart-mirror";
import { assertProblem, configProblems } from "./helpers/problems";
import { ofType, runProgram } from "./helpers/mock-program";

const ISTIOD = { chart: "istiod", version: "1.30.3", repository: "https://istio-release.storage.googleapis.com/charts" };

describe("charts from a mirror", () => {
    describe("chartSource", () => {
        it("uses the chart's public repository when no mirror is set", () => {
            assert.deepEqual(chartSource(ISTIOD), { chart: "istiod", version: "1.30.3", repositoryOpts: { repo: ISTIOD.repository } });
        });
        it("points at an HTTP Helm repository mirror instead", () => {
            assert.deepEqual(chartSource(ISTIOD, "https://artifactory.example.com/helm"),
                { chart: "istiod", version: "1.30.3", repositoryOpts: { repo: "https://artifactory.example.com/helm" } });
        });
        it("names the chart inside an OCI mirror", () => {
            assert.deepEqual(chartSource(ISTIOD, "oci://harbor.example.com/charts/"),
                { chart: "oci://harbor.example.com/charts/istiod", version: "1.30.3" });
        });
        it("takes the packaged archive from a folder mirror", () => {
            assert.deepEqual(chartSource(ISTIOD, "/srv/charts"), { chart: "/srv/charts/istiod-1.30.3.tgz" });
        });
    });

    describe("stack config", () => {
        let dir: string;
        before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "mirror-")); });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("lists every chart the production preset installs", () => {
            const env = parseEnvironment({ profile: "production", security: { ca: { enabled: true } } });
            assert.deepEqual(stackCharts(env).map((c) => `${c.chart}-${c.version}`), [
                "base-1.30.3", "istiod-1.30.3", "gateway-1.30.3", "cert-manager-v1.21.1", "cert-manager-istio-csr-v0.17.0",
                "prometheus-29.27.0", "jaeger-4.11.1", "kiali-server-2.26.0",
            ]);
        });

        it("names each chart a folder mirror lacks, and nothing when all are there", () => {
            const env = parseEnvironment({ profile: "demo", observability: { kiali: { enabled: false } } });
            const withMirror = { ...env, charts: { mirror: dir } };
            const missing = chartMirrorProblems(withMirror);
            assert.equal(missing.length, stackCharts(env).length);
            assert.match(missing[0], /^istio-mesh:charts\.mirror: the mirror folder has no .*\/base-1\.30\.3\.tgz/);
            for (const c of stackCharts(env)) fs.writeFileSync(path.join(dir, `${c.chart}-${c.version}.tgz`), "");
            assert.deepEqual(chartMirrorProblems(withMirror), []);
        });

        it("asks nothing of a repository mirror before deploy", () => {
            const env = parseEnvironment({ profile: "demo", charts: { mirror: "oci://harbor.example.com/charts" } });
            assert.deepEqual(chartMirrorProblems(env, () => false), []);
        });

        it("rejects a mirror URL that does not parse", () => {
            assertProblem(configProblems({ profile: "demo", charts: { mirror: "https://" } }),
                "istio-mesh:charts.mirror: expected a valid repository URL");
        });

        it("rejects an unknown key under charts", () => {
            assertProblem(configProblems({ profile: "demo", charts: { mirrror: "/srv" } }), "istio-mesh:charts.mirrror: unknown key");
        });
    });

    it("the program installs every chart from the mirror", async () => {
        const mirror = "oci://harbor.example.com/charts";
        const run = await runProgram({ "istio-mesh:profile": "production", "istio-mesh:charts": { mirror },
            "istio-mesh:security": { ca: { enabled: true } } });
        const charts = ofType(run, "kubernetes:helm.sh/v4:Chart");
        assert.equal(charts.length, 8);
        for (const c of charts) {
            assert.ok(String(c.inputs.chart).startsWith(`${mirror}/`), `${c.name} comes from ${c.inputs.chart}`);
            assert.equal(c.inputs.repositoryOpts, undefined);
        }
    });
});
