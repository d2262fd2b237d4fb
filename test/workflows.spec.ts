import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { readYaml } from "./helpers/chart-values";
import { PROJECT_ROOT } from "./helpers/mock-program";

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = {
    needs?: string | string[]; environment?: string; steps: Step[]; permissions?: Record<string, string>; env?: Record<string, string>;
    strategy?: { matrix?: { include?: Record<string, string>[]; stack?: string[] } };
};
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job>; env?: Record<string, string> };

const WORKFLOWS = path.join(PROJECT_ROOT, ".github/workflows");

function workflow(file: string): Workflow {
    return readYaml(path.join(WORKFLOWS, file)) as Workflow;
}

// A step's inputs with the job's matrix entries substituted, one set per matrix entry.
function pulumiRuns(job: Job): Array<Record<string, string>> {
    const entries = job.strategy?.matrix?.include ?? [{}];
    return job.steps
        .filter((s) => s.uses?.startsWith("pulumi/actions@"))
        .flatMap((s) => entries.map((entry) => Object.fromEntries(Object.entries(s.with ?? {}).map(([k, v]) => [
            k,
            String(v).replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => entry[key] ?? `<no matrix.${key}>`),
        ]))));
}

const stackFile = (stack: string) => path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`);

describe("GitHub Actions workflows", () => {
    const preview = workflow("preview.yml");
    const deploy = workflow("deploy.yml");

    it("pull requests run the tests, then preview every stack file the repo has", () => {
        assert.ok("pull_request" in preview.on);
        const previewJob = preview.jobs.preview;
        assert.equal(previewJob.needs, "test");
        assert.ok(preview.jobs.test.steps.some((s) => s.run === "npm test"), "the test job runs the README's test command");
        const runs = pulumiRuns(previewJob);
        assert.ok(runs.every((r) => r.command === "preview" && r["comment-on-pr"] === "true"));
        const stacks = fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f)).map((f) => f.split(".")[1]);
        assert.deepEqual(runs.map((r) => r["stack-name"]).sort(), stacks.sort());
    });

    it("previews skip checkpoints (they write no state); deploys keep them", () => {
        assert.equal(preview.jobs.preview.env?.PULUMI_SKIP_CHECKPOINTS, "true");
        assert.ok(!("PULUMI_SKIP_CHECKPOINTS" in (deploy.env ?? {})), "deploy.yml's own env");
        for (const [name, job] of Object.entries(deploy.jobs)) {
            const steps = job.steps.map((s) => s.env ?? {});
            assert.ok([job.env ?? {}, ...steps].every((env) => !("PULUMI_SKIP_CHECKPOINTS" in env)), `deploy.yml job ${name}`);
        }
    });

    it("pull requests get the policy report of every stack as annotations and as SARIF uploaded to code scanning", () => {
        const job = preview.jobs["policy-report"];
        const stacks = fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f)).map((f) => f.split(".")[1]);
        assert.deepEqual([...(job.strategy?.matrix?.stack ?? [])].sort(), stacks.sort());
        const runs = job.steps.map((s) => s.run ?? "");
        assert.ok(runs.some((r) => r.startsWith("npm run policy-report -- --stack ${{ matrix.stack }} --format github")), "annotations");
        const sarif = runs.find((r) => r.includes("--format sarif"));
        const file = / --output (.+?\.sarif)/.exec(sarif ?? "")?.[1];
        assert.ok(file, "the SARIF report is written to a file");
        // Exit 1 (a mandatory policy failed) still uploads; a config error (2) stops the job.
        assert.match(sarif!, /\|\| test \$\? -eq 1$/);
        const upload = job.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
        assert.equal(upload?.with?.sarif_file, file);
        assert.equal(job.permissions?.["security-events"], "write", "upload-sarif needs security-events: write");
    });

    it("main deploys dev, then prod in the protected production environment", () => {
        assert.deepEqual(deploy.on.push, { branches: ["main"] });
        const [dev] = pulumiRuns(deploy.jobs.dev);
        const [prod] = pulumiRuns(deploy.jobs.prod);
        assert.equal(dev.command, "up");
        assert.equal(dev["stack-name"], "dev");
        assert.equal(prod["stack-name"], "prod");
        assert.equal(deploy.jobs.prod.needs, "dev");
        assert.equal(deploy.jobs.prod.environment, "production");
    });

    for (const [file, wf] of [["preview.yml", preview], ["deploy.yml", deploy]] as const) {
        it(`${file}: every stack and policy config it names exists, each stack with its own environment's config`, () => {
            for (const job of Object.values(wf.jobs)) {
                for (const run of pulumiRuns(job)) {
                    assert.ok(fs.existsSync(stackFile(run["stack-name"])), `${run["stack-name"]} has a stack file`);
                    assert.equal(run.policyPacks, "policies");
                    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, run.policyPacks, "PulumiPolicy.yaml")));
                    assert.equal(run.policyPackConfigs, `policies/config/${run["stack-name"]}.json`);
                    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, run.policyPackConfigs)), `${run.policyPackConfigs} exists`);
                }
            }
        });

        it(`${file}: every pulumi/actions step creates its stack on a fresh backend (upsert)`, () => {
            for (const job of Object.values(wf.jobs)) {
                for (const run of pulumiRuns(job)) assert.equal(run.upsert, "true", `${run.command} ${run["stack-name"]}`);
            }
        });

        it(`${file}: no secret or backend is written into the repo`, () => {
            const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
            for (const job of Object.values(wf.jobs)) {
                for (const run of pulumiRuns(job)) {
                    if ("cloud-url" in run) assert.match(run["cloud-url"], /^\$\{\{\s*vars\.\w+\s*\}\}$/);
                }
            }
            const literalSecrets = text.match(/(PULUMI_ACCESS_TOKEN|PULUMI_CONFIG_PASSPHRASE|KUBECONFIG_CONTENT):\s*(?!\$\{\{\s*secrets)\S+/g);
            assert.equal(literalSecrets, null, `secrets come from repository secrets: ${literalSecrets}`);
        });
    }
});
