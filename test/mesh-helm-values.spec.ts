import { strict as assert } from "assert";
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { CHART_MIRROR, chartDefaults, ISTIO_REFERENCE, unknownKeys } from "./helpers/chart-values";
import { DEFAULT_ISTIO_REPOSITORY } from "../components/mesh/defaults";
import { ofType, ProgramRun, runProgram, readStackFile, runStack } from "./helpers/mock-program";

// Values that Istio passes through untyped: Kubernetes objects and MeshConfig.
const FREE_FORM = ["resources", "meshConfig", "topologySpreadConstraints"];

// Keys Istio documents only in a commented-out example in the values file.
const COMMENTED_KEYS: Record<string, Array<[string, RegExp]>> = {
    istiod: [["base.validationFailurePolicy", /^ {2}base:\n(?: {4}.*\n| *\n)*? {4}# validationFailurePolicy: Fail$/m]],
};

// Keys a chart's templates read that its values file does not list: [key, template, how it is read].
const TEMPLATE_KEYS: Record<string, Array<[string, string, string]>> = {
    base: [["base.validationFailurePolicy", "defaultrevision-validatingwebhookconfiguration.yaml", ".Values.base.validationFailurePolicy"]],
};

function readByTemplates(chart: string): string[] {
    return (TEMPLATE_KEYS[chart] ?? [])
        .filter(([, file, read]) => fs.readFileSync(path.join(CHART_MIRROR, "istio", chart, "templates", file), "utf8").includes(read))
        .map(([key]) => key);
}

function chartValuesFile(chart: string): string {
    return path.join(ISTIO_REFERENCE, "charts", chart, "values.yaml");
}

function keyProblems(chart: string, values: Record<string, unknown>): string[] {
    const defaults = chartDefaults(chartValuesFile(chart));
    const text = fs.readFileSync(chartValuesFile(chart), "utf8");
    const documentedInComments = (COMMENTED_KEYS[chart] ?? []).filter(([, where]) => where.test(text)).map(([key]) => key);
    // Every chart reads `profile` from its files/profile-<name>.yaml.
    const profileOk = values.profile === undefined || fs.existsSync(path.join(ISTIO_REFERENCE, "profiles", `profile-${values.profile}.yaml`));
    const { profile, ...rest } = values;
    const problems = unknownKeys(rest, defaults, { freeForm: FREE_FORM }).filter((k) => !documentedInComments.includes(k) && !readByTemplates(chart).includes(k));
    return profileOk ? problems : [...problems, `profile ${String(profile)} has no profile file`];
}

describe("Helm values passed to Istio's charts", () => {
    const runs: Array<[string, () => Promise<ProgramRun>]> = [
        ["dev", () => runStack("dev")],
        ["prod", () => runStack("prod")],
        ["dev with cni", () => runProgram({ ...readStackFile("dev"), "istio-mesh:istio": { cni: true, revision: "canary" } })],
    ];
    for (const [label, start] of runs) {
        it(`${label}: every key exists in Istio 1.30.3's chart`, async () => {
            const run = await start();
            const charts = ofType(run, "kubernetes:helm.sh/v4:Chart").filter((c) => c.inputs.repositoryOpts.repo === DEFAULT_ISTIO_REPOSITORY);
            assert.ok(charts.length >= 3);
            for (const chart of charts) {
                assert.deepEqual(keyProblems(chart.inputs.chart, chart.inputs.values), [], `unknown keys for ${chart.inputs.chart}`);
            }
        });
    }

    it("the key check catches an unknown key, a misplaced key and a typo below a known map", () => {
        assert.deepEqual(keyProblems("istiod", { autoscaleMinimum: 2, global: { defaultPodDisruptionBudget: { enable: true } } }),
            ["autoscaleMinimum", "global.defaultPodDisruptionBudget.enable"]);
        assert.deepEqual(keyProblems("gateway", { revison: "x" }), ["revison"]);
        assert.deepEqual(keyProblems("base", { profile: "nonexistent" }), ["profile nonexistent has no profile file"]);
        assert.deepEqual(keyProblems("base", { base: { validationFailurePolicy: "Fail", validationFailurePolicyy: "Fail" } }), ["base.validationFailurePolicyy"]);
    });

    it("gateway values satisfy the gateway chart's values.schema.json", async () => {
        const schema = JSON.parse(fs.readFileSync(path.join(ISTIO_REFERENCE, "charts/gateway/values.schema.json"), "utf8"));
        delete schema.$schema;
        const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
        for (const stack of ["dev", "prod"]) {
            const gateway = ofType(await runStack(stack), "kubernetes:helm.sh/v4:Chart").find((c) => c.inputs.chart === "gateway");
            assert.ok(gateway);
            assert.ok(validate(gateway.inputs.values), `${stack}: ${JSON.stringify(validate.errors)}`);
        }
        assert.equal(validate({ autoscaling: { minReplicas: "2" } }), false, "the schema check can fail");
    });
});
