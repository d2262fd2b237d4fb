import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { render } from "../scripts/render";
import { findIstioctl } from "./differential/compare";
import { devConfigWithAdvisory } from "./helpers/dev-policy-config";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
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

// What every Kubernetes object has, whatever its kind.
function assertKubernetesObject(doc: any, where: string): void {
    assert.equal(typeof doc?.apiVersion, "string", `${where}: apiVersion`);
    assert.match(doc.apiVersion, /^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/, `${where}: apiVersion ${doc.apiVersion}`);
    assert.match(doc.kind ?? "", /^[A-Z][A-Za-z]+$/, `${where}: kind`);
    assert.match(doc.metadata?.name ?? "", /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, `${where}: metadata.name`);
    if (doc.metadata.namespace !== undefined) assert.match(doc.metadata.namespace, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${where}: metadata.namespace`);
}

describe("offline render", () => {
    for (const stack of stackNames(PROJECT_ROOT)) {
        describe(`${stack}`, () => {
            let out: string;
            let text: string;
            let code: number;
            let objects: any[];
            let inputs: any[];
            before(async () => {
                out = tempDir();
                ({ code, text } = await renderTo(["--stack", stack, "--out", out]));
                objects = parseAllDocuments(fs.readFileSync(path.join(out, `${stack}.yaml`), "utf8")).map((d) => d.toJS());
                inputs = parseAllDocuments(fs.readFileSync(path.join(out, `${stack}.inputs.yaml`), "utf8")).map((d) => d.toJS());
            });
            after(() => fs.rmSync(out, { recursive: true, force: true }));

            it("writes every Kubernetes object the program creates, as registered, and a clean policy report", async () => {
                assert.notEqual(code, 2, text);
                const run = await runStack(stack);
                const created = run.resources.filter((r) => r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v4:Chart" && !r.type.endsWith("Patch"));
                assert.equal(objects.length, created.length);
                // As registered, but for Pulumi secrets, which are written as [secret].
                const same = (d: any, o: any) => JSON.stringify(d) === JSON.stringify(o) || (d.kind === "Secret" && JSON.stringify(d.metadata) === JSON.stringify(o.metadata));
                for (const r of created) assert.ok(objects.some((d) => same(d, r.inputs)), `${r.type} ${r.name} is rendered as registered`);
                assert.match(text, /KIND\s+NAME\s+NAMESPACE\s+COMPONENT/);
                assert.match(text, /Policy report for stack/);
            });

            it("the manifest holds only valid Kubernetes objects, each Istio one valid against Istio 1.30.3's CRDs", () => {
                assert.ok(objects.length > 0);
                objects.forEach((doc, i) => assertKubernetesObject(doc, `document ${i + 1} (${doc?.kind} ${doc?.metadata?.name})`));
                for (const doc of objects.filter((d) => /\.istio\.io\//.test(d.apiVersion))) assertValidIstioObject(doc);
            });

            it("charts and patches go to <stack>.inputs.yaml, as helmChart: and patch: documents, never as objects", async () => {
                const run = await runStack(stack);
                const charts = run.resources.filter((r) => r.type === "kubernetes:helm.sh/v4:Chart");
                const patches = run.resources.filter((r) => r.type.endsWith("Patch"));
                assert.ok(charts.length > 0);
                assert.equal(inputs.filter((d) => d.helmChart).length, charts.length);
                assert.equal(inputs.filter((d) => d.patch).length, patches.length);
                assert.ok(inputs.every((d) => Object.keys(d).length === 1 && !d.apiVersion && !d.kind));
                assert.ok(inputs.some((d) => d.helmChart?.chart.endsWith("istiod") || d.helmChart?.chart.includes("istiod-")));
            });

            it("the summary names objects by Kubernetes kind and name, and its counts agree with the files and the policy report", async () => {
                const run = await runStack(stack);
                const rows = text.slice(0, text.indexOf("\nWrote ")).split("\n").filter((l) => /^[A-Z][A-Za-z]+(\.[a-z0-9.-]+)?(\s\(patch\))?\s{2,}/.test(l) && !/^(KIND|HELM)/.test(l));
                assert.equal(rows.length, objects.length + inputs.length);
                for (const doc of objects) assert.ok(rows.some((r) => r.split(/\s{2,}/)[1] === doc.metadata.name), `${doc.kind} ${doc.metadata.name} in the summary`);
                const wrote = new RegExp(`: ${objects.length} Kubernetes objects?; .*: ${inputs.filter((d) => d.helmChart).length} Helm charts? and ${inputs.filter((d) => d.patch).length} patch(es)? `);
                assert.match(text, wrote);
                assert.match(text, new RegExp(`^${run.resources.length} registrations in all`, "m"));
                assert.ok(text.includes(`, ${run.resources.length} registrations)`), text);
            });

            it("istioctl analyze --use-kube=false accepts the manifest (when the cached istioctl is present)", function () {
                const istioctl = findIstioctl();
                if (!istioctl) this.skip();
                const result = spawnSync(istioctl!, ["analyze", "--use-kube=false", path.join(out, `${stack}.yaml`)], { encoding: "utf8" });
                assert.equal(result.status, 0, result.stdout + result.stderr);
                assert.doesNotMatch(result.stdout + result.stderr, /Error \[IST/);
            });
        });
    }

    it("--format github prints the annotations instead of the tables, and still writes the files", async () => {
        const out = tempDir();
        const { code, text } = await renderTo(["--stack", "dev", "--out", out, "--format", "github", "--config", devConfigWithAdvisory()]);
        assert.equal(code, 0, text);
        assert.doesNotMatch(text, /^KIND/m);
        assert.match(text, /^::warning file=Pulumi\.dev\.yaml,line=\d+,title=/m);
        assert.ok(fs.existsSync(path.join(out, "dev.yaml")) && fs.existsSync(path.join(out, "dev.inputs.yaml")));
    });

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
