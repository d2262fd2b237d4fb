import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { manifestYaml } from "../../scripts/render/manifest";
import { runStack, SHIPPED_STACKS } from "../helpers/mock-program";
import { analyze, ANALYZERS_OF, asResources, compare, findIstioctl, NOT_MIRRORED, PACK_CODES, packCodes, parseAnalyzeOutput, parseSkippedAnalyzers, toolchainBin } from "./compare";

const CORPUS = path.join(__dirname, "corpus");
const corpus = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".yaml")).sort();

describe("differential: the pack against istioctl analyze", function () {
    this.timeout(300_000);

    describe("the comparison's parts (no istioctl needed)", () => {
        it("has one broken config per IST code the pack catches, named after the code", () => {
            assert.deepEqual([...new Set(corpus.map((f) => f.slice(0, 7)))].sort(), PACK_CODES);
        });

        for (const file of corpus) {
            it(`${file}: the pack reports ${file.slice(0, 7)}`, async () => {
                assert.deepEqual(await packCodes(asResources(fs.readFileSync(path.join(CORPUS, file), "utf8"))), [file.slice(0, 7)]);
            });
        }

        for (const stack of SHIPPED_STACKS) {
            it(`the clean ${stack} stack, as rendered: no IST code from the pack`, async () => {
                assert.deepEqual(await packCodes(asResources(manifestYaml(stack, (await runStack(stack)).resources))), []);
            });
        }

        it("reads istioctl's output and compares on the codes the pack mirrors", () => {
            const output = [
                'Error [IST0101] (VirtualService default/myapp corpus/x.yaml:12) Referenced host+subset in destinationrule not found: "myapp.default.svc.cluster.local+v3"',
                "Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection.",
                "Skipped analyzers:",
                "\t annotations.K8sAnalyzer",
                "\t injection.Analyzer",
                "Executed analyzers:",
                "\t annotations.K8sAnalyzer",
                "✔ No validation issues found when analyzing namespace: default.",
            ].join("\n");
            const messages = parseAnalyzeOutput(output);
            assert.deepEqual(messages.map((m) => [m.level, m.code, m.subject]), [["Error", "IST0101", "VirtualService default/myapp"], ["Info", "IST0102", "Namespace default"]]);
            const skipped = parseSkippedAnalyzers(output);
            assert.deepEqual(skipped, ["annotations.K8sAnalyzer", "injection.Analyzer"]);
            assert.deepEqual(compare(["IST0123", "IST0128"], { messages, skipped }),
                { pack: ["IST0123", "IST0128"], istio: ["IST0101"], missedByPack: ["IST0101"], extraInPack: ["IST0128"], notJudged: ["IST0123"] });
        });

        it("does not count the messages the pack leaves out on purpose, and only those", () => {
            const message = (code: string, text: string) => ({ level: "Warning", code, subject: "EnvoyFilter shop/x", text });
            const caution = message("IST0133", "Schema validation warning: EnvoyFilter exposes internal implementation details that may change at any time.");
            assert.deepEqual(compare([], { messages: [caution], skipped: [] }).missedByPack, []);
            assert.deepEqual(compare([], { messages: [message("IST0133", "Schema validation warning: PASSTHROUGH mode does not use certificates, they will be ignored")], skipped: [] }).missedByPack, ["IST0133"]);
            for (const n of NOT_MIRRORED) assert.ok(n.why.length > 20, n.code);
        });

        it("knows which of istioctl's analyzers report each code the pack mirrors", () => {
            assert.deepEqual(Object.keys(ANALYZERS_OF).sort(), PACK_CODES);
        });

        it("finds istioctl in $ISTIOCTL, in the toolchain, or on PATH", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "istioctl-"));
            try {
                const bin = path.join(dir, "istioctl");
                fs.writeFileSync(bin, "");
                assert.equal(findIstioctl({ ISTIOCTL: bin }, "/nonexistent"), bin);
                assert.equal(findIstioctl({ PATH: dir }, "/nonexistent"), bin);
                assert.equal(findIstioctl({ PATH: "/nonexistent" }, dir), bin);
                assert.equal(findIstioctl({ PATH: "/nonexistent" }, "/nonexistent"), undefined);
                assert.equal(toolchainBin({ ...process.env, ISTIO_MESH_TOOLCHAIN: dir }), path.join(dir, "bin"));
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("against istioctl analyze --use-kube=false", () => {
        const istioctl = findIstioctl();
        const covered = new Set<string>();
        const notJudged = new Set<string>();
        before(function () {
            if (!istioctl) {
                console.log("      differential: SKIPPED, no istioctl: set $ISTIOCTL, put istioctl on PATH, or build the toolchain (scripts/toolchain/ensure.sh istioctl)");
                this.skip();
            }
        });
        after(() => {
            if (!istioctl) return;
            const version = spawnSync(istioctl, ["version", "--remote=false", "--short"], { encoding: "utf8" }).stdout.trim();
            console.log(`      differential (${istioctl}, ${version}): IST codes both report on the corpus: ${[...covered].sort().join(", ") || "none"}`);
            console.log(`      differential: codes istioctl cannot judge from files (it skips their analyzers without a cluster): ${[...notJudged].sort().join(", ") || "none"}`);
        });

        for (const file of corpus) {
            it(`${file}: both report the same IST codes the pack mirrors`, async () => {
                const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
                const result = compare(await packCodes(asResources(text)), analyze(istioctl!, [path.join(CORPUS, file)]));
                result.istio.forEach((c) => covered.add(c));
                result.notJudged.forEach((c) => notJudged.add(c));
                assert.deepEqual(result, { ...result, missedByPack: [], extraInPack: [] });
            });
        }

        for (const stack of SHIPPED_STACKS) {
            it(`the clean ${stack} stack: neither reports anything`, async () => {
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "differential-"));
                try {
                    const resources = (await runStack(stack)).resources;
                    // The rendered manifest holds Kubernetes objects only (charts and patches are in a file of their own).
                    const file = path.join(dir, `${stack}.yaml`);
                    fs.writeFileSync(file, manifestYaml(stack, resources));
                    const analysis = analyze(istioctl!, [file]);
                    assert.deepEqual(analysis.messages.map((m) => `${m.level} ${m.code} ${m.subject}`), []);
                    assert.deepEqual(await packCodes(asResources(manifestYaml(stack, resources))), []);
                } finally {
                    fs.rmSync(dir, { recursive: true, force: true });
                }
            });
        }
    });
});
