import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Cli, helpText, parseOptions, UsageError } from "../scripts/cli";
import { fetchReferenceCommand } from "../scripts/fetch-reference";
import { policyReport } from "../scripts/policy-report";
import { render } from "../scripts/render";
import { PROJECT_ROOT } from "./helpers/mock-program";

const CLI: Cli = {
    usage: "npm run x -- --stack <name>",
    description: "x",
    options: { stack: { value: "name", help: "the stack" }, out: { value: "dir", help: "where" } },
};

type Script = (argv: string[], print: (t: string) => void, printError: (t: string) => void) => Promise<number>;

async function run(script: Script, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await script(argv, (t) => out.push(t), (t) => err.push(t));
    return { code, out: out.join("\n"), err: err.join("\n") };
}

const SCRIPTS: Record<string, Script> = { render, "policy-report": policyReport, "fetch-reference": fetchReferenceCommand };

describe("command-line arguments", () => {
    it("accepts --flag value and --flag=value", () => {
        assert.deepEqual({ ...parseOptions(CLI, ["--stack", "prod", "--out=x"], {}) }, { stack: "prod", out: "x" });
        assert.deepEqual({ ...parseOptions(CLI, ["--stack=prod"], {}) }, { stack: "prod" });
    });

    it("rejects an unknown flag with the closest known one, a stray word and a missing value", () => {
        assert.throws(() => parseOptions(CLI, ["--stak", "prod"], {}), (e: Error) => e instanceof UsageError && e.message === "unknown option --stak; did you mean --stack?");
        assert.throws(() => parseOptions(CLI, ["--json"], {}), /^UsageError: unknown option --json$/);
        assert.throws(() => parseOptions(CLI, ["prod"], {}), /unexpected argument "prod" \(options are --name value; after npm run, put them after --\)/);
        assert.throws(() => parseOptions(CLI, ["--stack"], {}), /option '--stack <value>' argument missing/);
    });

    it("catches `npm run x --stack prod` (no --), where npm keeps --stack for itself", () => {
        assert.throws(() => parseOptions(CLI, [], { npm_config_stack: "prod" }), /npm took --stack as its own option: put the script's options after --/);
        assert.throws(() => parseOptions(CLI, ["prod"], { npm_config_stack: "true" }), /npm took --stack/);
    });

    for (const [name, script] of Object.entries(SCRIPTS)) {
        it(`${name}: --help prints every option and exits 0; a bad flag exits 2 on stderr with the usage`, async () => {
            const help = await run(script, "--help");
            assert.equal(help.code, 0);
            assert.match(help.out, new RegExp(`^usage: npm run ${name} -- `));
            assert.match(help.out, /--help\s+print this help and exit/);
            const bad = await run(script, "--stak", "prod");
            assert.equal(bad.code, 2);
            assert.equal(bad.out, "");
            assert.match(bad.err, new RegExp(`^error: unknown option --stak.*\\nusage: npm run ${name} -- `));
        });
    }

    it("help lists each option with its value", () => {
        assert.match(helpText(CLI), /^ {2}--stack <name> {2}the stack$/m);
    });

    it("`npm run policy-report --stack prod` fails instead of reporting dev", function () {
        this.timeout(300_000); // npm and ts-node start: seconds alone, minutes on a loaded machine
        const result = spawnSync("npm", ["run", "-s", "policy-report", "--stack", "prod"], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /npm took --stack as its own option/);
    });
});

describe("stack file errors", () => {
    it("a YAML typo is a config error: exit 2, file and line on stderr, no stack trace", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-cli-"));
        fs.writeFileSync(path.join(dir, "Pulumi.typo.yaml"), "config:\n  istio-mesh:profile: demo\n  istio-mesh:istio: {version: 1.30.3\n  istio-mesh:namespaces: {}\n");
        for (const [script, extra] of [[render, ["--out", dir]], [policyReport, []]] as const) {
            const out: string[] = [];
            const err: string[] = [];
            const code = await script(["--stack", "typo", "--config", "policies/config/dev.json", ...extra], (t) => out.push(t), (t) => err.push(t), dir);
            assert.equal(code, 2);
            assert.deepEqual(out, []);
            assert.match(err.join("\n"), /^error: invalid stack configuration \(1 problem\):\n {2}- \S*Pulumi\.typo\.yaml:\d+:\d+: [^\n]+$/);
            assert.doesNotMatch(err.join("\n"), /\n\s+at /);
        }
    });
});
