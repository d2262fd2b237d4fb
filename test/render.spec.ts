import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { render } from "../scripts/render";
import { PROJECT_ROOT, runStack, stackNames } from "./helpers/mock-program";

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-render-"));
}

async function renderTo(argv: string[], dir = PROJECT_ROOT) {
    const lines: string[] = [];
    const collect = (t: string) => lines.push(t);
    const code = await render(argv, collect, collect, dir);
    return { code, text: lines.join("\n") };
}

function writeStack(dir: string, name: string, config: Record<string, unknown>): void {
    fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), JSON.stringify({ config }));
}

describe("offline render", () => {
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: writes every registered object as one YAML file, and a clean policy report`, async () => {
            const out = tempDir();
            const { code, text } = await renderTo(["--stack", stack, "--out", out]);
            assert.equal(code, 0, text);
            const docs = parseAllDocuments(fs.readFileSync(path.join(out, `${stack}.yaml`), "utf8")).map((d) => d.toJS());
            const run = await runStack(stack);
            const istio = run.resources.filter((r) => /\.istio\.io\//.test(r.type)).map((r) => r.inputs);
            assert.ok(istio.length > 0);
            for (const object of istio) assert.ok(docs.some((d) => JSON.stringify(d) === JSON.stringify(object)), `${object.kind} ${object.metadata.name} is rendered as registered`);
            const charts = docs.filter((d) => d.kind === "HelmChart");
            assert.ok(charts.some((c) => c.chart === "istiod" && c.version === "1.30.3"));
            assert.match(text, /Helm charts are shown as chart, version and values, not expanded/);
            assert.match(text, /TYPE\s+NAME\s+NAMESPACE\s+PARENT/);
            assert.match(text, /kubernetes:networking\.istio\.io\/v1:VirtualService\s+myapp-virtualservice\s+default\s+myapp/);
            assert.match(text, /0 violation\(s\): 0 mandatory|2 violation\(s\): 0 mandatory/);
        });
    }

    it("renders the same file twice (stable order)", async () => {
        const [a, b] = [tempDir(), tempDir()];
        await renderTo(["--stack", "prod", "--out", a]);
        await renderTo(["--stack", "prod", "--out", b]);
        assert.equal(fs.readFileSync(path.join(a, "prod.yaml"), "utf8"), fs.readFileSync(path.join(b, "prod.yaml"), "utf8"));
    });

    it("exits 2 with the config error, naming the key, and writes nothing", async () => {
        const dir = tempDir();
        writeStack(dir, "broken", { "istio-mesh:profile": "demo", "istio-mesh:istio": { version: "latest" } });
        const out = tempDir();
        const { code, text } = await renderTo(["--stack", "broken", "--out", out, "--config", "policies/config/dev.json"], dir);
        assert.equal(code, 2);
        assert.match(text, /^error: invalid stack configuration \(1 problem\):\n {2}- istio-mesh:istio\.version: expected a pinned version like 1\.30\.3, got "latest"$/);
        assert.deepEqual(fs.readdirSync(out), []);
    });

    it("exits 1 when a mandatory policy fails (a production stack left PERMISSIVE)", async () => {
        const dir = tempDir();
        writeStack(dir, "lax", {
            "istio-mesh:profile": "production",
            "istio-mesh:security": { mtls: { mode: "PERMISSIVE" } },
        });
        const { code, text } = await renderTo(["--stack", "lax", "--out", tempDir(), "--config", path.join(PROJECT_ROOT, "policies/config/prod.json")], dir);
        assert.equal(code, 1, text);
        assert.match(text, /PeerAuthentication|PERMISSIVE/);
        assert.match(text, /mandatory/);
    });

    it("exits 2 for an unknown stack, listing the stack files", async () => {
        const { code, text } = await renderTo(["--stack", "no-such-stack"]);
        assert.equal(code, 2);
        assert.ok(text.includes(`no stack file Pulumi.no-such-stack.yaml; stacks: ${stackNames(PROJECT_ROOT).join(", ")}`), text);
    });

    it("runs as `npm run render` from the command line", () => {
        const out = tempDir();
        const result = spawnSync("npm", ["run", "-s", "render", "--", "--stack", "dev", "--out", out], { cwd: PROJECT_ROOT, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr + result.stdout);
        assert.ok(fs.existsSync(path.join(out, "dev.yaml")));
    });
});
