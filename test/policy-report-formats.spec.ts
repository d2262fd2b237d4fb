import { strict as assert } from "assert";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { textTable } from "../policies/runner/table";
import { policyReport } from "../scripts/policy-report";
import { configPathOf, stackFileLocator } from "../scripts/report/config-source";
import { tableFit } from "../scripts/report/terminal";
import { devConfigWithAdvisory } from "./helpers/dev-policy-config";
import { PROJECT_ROOT, runStack } from "./helpers/mock-program";

/**
 * The policy report for pull requests: SARIF valid against the SARIF 2.1.0
 * schema, GitHub annotations at the stack file line of the offending config,
 * JSON, a table that fits a terminal and is coloured only when asked, and
 * --output.
 */

// The SARIF 2.1.0 schema (rtm.5, draft-04) as Microsoft's SARIF SDK ships it in @microsoft/jest-sarif.
const SARIF_SCHEMA = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");

// A production stack left PERMISSIVE: mandatory violations, the offending key on a known line.
const LAX = [
    "# a production stack that forgot mTLS",
    "config:",
    "  istio-mesh:profile: production",
    "  istio-mesh:security:",
    "    mtls:",
    "      mode: PERMISSIVE",
    "",
].join("\n");
const MTLS_LINE = 5;
const PROFILE_LINE = 3;

async function report(argv: string[], dir = PROJECT_ROOT) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await policyReport(argv, (t) => out.push(t), (t) => err.push(t), dir);
    return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("policy report formats", () => {
    let laxDir: string;
    const prodConfig = path.join(PROJECT_ROOT, "policies/config/prod.json");
    before(() => {
        laxDir = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-formats-"));
        fs.writeFileSync(path.join(laxDir, "Pulumi.lax.yaml"), LAX);
    });
    after(() => fs.rmSync(laxDir, { recursive: true, force: true }));

    describe("--format sarif", () => {
        // unicodeRegExp off: the schema's language pattern has a stray "]" that only non-unicode regular expressions accept.
        const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, "utf8")));

        for (const stack of ["dev", "prod"]) {
            it(`${stack}: a log valid against the SARIF 2.1.0 schema, one rule per policy`, async () => {
                const { code, out } = await report(["--stack", stack, "--format", "sarif"]);
                assert.ok(code === 0, out);
                const log = JSON.parse(out);
                assert.ok(validate(log) as boolean, JSON.stringify(validate.errors, null, 2));
                assert.equal(log.version, "2.1.0");
                assert.ok(log.runs[0].tool.driver.rules.length >= 20);
            });
        }

        it("a mandatory violation is an error result at the stack file line of the config that caused it", async () => {
            const { code, out } = await report(["--stack", "lax", "--format", "sarif", "--config", prodConfig], laxDir);
            assert.equal(code, 1, out);
            const log = JSON.parse(out);
            assert.ok(validate(log) as boolean, JSON.stringify(validate.errors, null, 2));
            const mtls = log.runs[0].results.filter((r: any) => r.ruleId === "mtls-peer-authentication-mode");
            assert.ok(mtls.length > 0, out);
            for (const r of mtls) {
                assert.equal(r.level, "error");
                assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, path.relative(process.cwd(), path.join(laxDir, "Pulumi.lax.yaml")));
                assert.equal(r.locations[0].physicalLocation.region.startLine, MTLS_LINE);
                assert.equal(r.properties.configKey, "istio-mesh:security.mtls");
                assert.equal(log.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
            }
        });
    });

    describe("--format github", () => {
        it("one workflow command per finding: ::error at the config's line for mandatory, ::warning for advisory", async () => {
            const { code, out } = await report(["--stack", "lax", "--format", "github", "--config", prodConfig], laxDir);
            assert.equal(code, 1);
            const file = path.relative(process.cwd(), path.join(laxDir, "Pulumi.lax.yaml"));
            const lines = out.split("\n");
            const mtls = lines.filter((l) => l.includes("title=mtls-peer-authentication-mode"));
            assert.ok(mtls.length > 0, out);
            for (const l of mtls) assert.ok(l.startsWith(`::error file=${file},line=${MTLS_LINE},title=`), l);
            // What the preset set (no key of its own in the file) points at the profile line.
            for (const l of lines.filter((x) => x.startsWith("::") && x.includes("set by the profile"))) assert.match(l, new RegExp(`,line=${PROFILE_LINE},`));
            for (const l of lines.filter((x) => x.startsWith("::"))) assert.match(l, /^::(error|warning|notice) file=[^:]+::ISM\d{4} /);
            assert.match(lines[lines.length - 1], /^Policy report for stack lax: \d+ violation\(s\): [1-9]\d* mandatory/);
        });

        it("advisory findings of dev are warnings, located in Pulumi.dev.yaml", async () => {
            const { code, out } = await report(["--stack", "dev", "--format", "github", "--config", devConfigWithAdvisory()]);
            assert.equal(code, 0);
            const commands = out.split("\n").filter((l) => l.startsWith("::"));
            assert.ok(commands.length > 0);
            for (const l of commands) assert.match(l, /^::warning file=Pulumi\.dev\.yaml,line=\d+,title=/);
        });
    });

    it("--format json: every finding with its policy, code, enforcement and config key; the summary adds up", async () => {
        const { out } = await report(["--stack", "lax", "--format", "json", "--config", prodConfig], laxDir);
        const data = JSON.parse(out);
        assert.equal(data.stack, "lax");
        assert.equal(data.findings.length, data.summary.violations + data.summary.remediations);
        assert.equal(data.findings.filter((f: any) => f.enforcement === "mandatory").length, data.summary.mandatory);
        assert.ok(data.summary.mandatory > 0);
        for (const f of data.findings) assert.match(f.code, /^ISM\d{4}$/);
    });

    it("--output writes the report to a file and says where", async () => {
        const file = path.join(laxDir, "reports", "prod.sarif");
        const { code, out } = await report(["--stack", "prod", "--format", "sarif", "--output", file]);
        assert.equal(code, 0);
        assert.equal(out, `Wrote the policy report to ${file}`);
        assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).version, "2.1.0");
    });

    it("an unknown --format exits 2 naming the allowed ones", async () => {
        const { code, err } = await report(["--format", "sarf"]);
        assert.equal(code, 2);
        assert.match(err, /^error: --format sarf: expected one of table, json, sarif, github; did you mean sarif\?/);
    });

    describe("the table on a terminal", () => {
        const header = ["POLICY", "RESOURCE", "ENFORCEMENT", "MESSAGE"];
        const rows = [["platform-kiali-auth", "observability-kiali (helm.sh/v4:Chart)", "mandatory", "ISM0603 " + "word ".repeat(80).trim()]];
        const width = (text: string) => Math.max(...text.split("\n").map((l) => l.length));

        it("is left unwrapped and plain when not on a terminal", () => {
            const text = textTable(header, rows, tableFit({ colour: false }));
            assert.equal(text.split("\n").length, 2);
            assert.doesNotMatch(text, /\u001b\[/);
        });

        for (const columns of [160, 100, 60]) {
            it(`fits ${columns} columns`, () => {
                const text = textTable(header, rows, tableFit({ columns, colour: false }));
                assert.ok(width(text) <= columns, text);
                assert.equal(text.replace(/\s+/g, " ").match(/word/g)?.length, 80, "nothing is lost");
            });
        }

        it("colours the enforcement (red for mandatory) only when the terminal has colours", () => {
            assert.match(textTable(header, rows, tableFit({ columns: 160, colour: true })), /\u001b\[31mmandatory/);
        });
    });

    it("locates a key at its line, the deepest key the file sets, or the profile line", () => {
        const locate = stackFileLocator(LAX);
        assert.deepEqual(locate(["security", "mtls"]), { key: "istio-mesh:security.mtls", line: MTLS_LINE });
        assert.deepEqual(locate(["security", "authorization"]), { key: "istio-mesh:security.authorization", line: 4 });
        assert.deepEqual(locate(["observability", "kiali"]), { key: "istio-mesh:observability.kiali", line: PROFILE_LINE, fromProfile: true });
        assert.deepEqual(stackFileLocator("config: {}\n")(["istio"]), { key: "istio-mesh:istio" });
    });

    it("traces a service's object under the one services component to that service's key", async () => {
        const run = await runStack("prod");
        const urnOf = (name: string) => run.resources.find((r) => r.name === name)!.urn;
        assert.deepEqual(configPathOf(urnOf("myapp-virtualservice"), run.resources), ["services", "myapp"]);
        assert.deepEqual(configPathOf(urnOf("orders-destinationrule"), run.resources), ["services", "orders"]);
        assert.deepEqual(configPathOf(urnOf("services"), run.resources), ["services"]);
    });
});
