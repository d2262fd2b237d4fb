import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { manifestYaml } from "../../scripts/render/manifest";
import { runStack, SHIPPED_STACKS } from "../helpers/mock-program";
import { analyze, asResources, compare, findIstioctl, PACK_CODES, packCodes, parseAnalyzeOutput } from "./compare";

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
            const out = parseAnalyzeOutput([
                'Error [IST0101] (VirtualService default/myapp) Referenced host+subset in destinationrule not found: "myapp.default.svc.cluster.local+v3"',
                "Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection.",
                "✔ No validation issues found when analyzing namespace: default.",
            ].join("\n"));
            assert.deepEqual(out.map((m) => [m.level, m.code, m.subject]), [["Error", "IST0101", "VirtualService default/myapp"], ["Info", "IST0102", "Namespace default"]]);
            assert.deepEqual(compare(["IST0123"], out), { pack: ["IST0123"], istio: ["IST0101"], missedByPack: ["IST0101"], extraInPack: ["IST0123"] });
        });

        it("finds istioctl in $ISTIOCTL, on PATH, or in the toolchain cache", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "istioctl-"));
            try {
                const bin = path.join(dir, "istioctl");
                fs.writeFileSync(bin, "");
                assert.equal(findIstioctl({ ISTIOCTL: bin }, "/nonexistent"), bin);
                assert.equal(findIstioctl({ PATH: dir }, "/nonexistent"), bin);
                fs.mkdirSync(path.join(dir, ".cache/istio-mesh/toolchain/bin"), { recursive: true });
                fs.writeFileSync(path.join(dir, ".cache/istio-mesh/toolchain/bin/istioctl"), "");
                assert.equal(findIstioctl({}, dir), path.join(dir, ".cache/istio-mesh/toolchain/bin/istioctl"));
                assert.equal(findIstioctl({ PATH: "/nonexistent" }, "/nonexistent"), undefined);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("against istioctl analyze --use-kube=false", () => {
        const istioctl = findIstioctl();
        const covered = new Set<string>();
        before(function () {
            if (!istioctl) this.skip();
        });
        after(() => {
            if (istioctl) console.log(`      differential: IST codes covered by the corpus: ${[...covered].sort().join(", ") || "none"} (pack mirrors ${PACK_CODES.join(", ")})`);
            else console.log("      differential: skipped, no istioctl ($ISTIOCTL, PATH or ~/.cache/istio-mesh/toolchain/bin/istioctl)");
        });

        // Where the pack reports a code that istioctl, given the file alone, does not: measured with
        // the toolchain's istioctl (istio.io/istio eed52ebb66ad), which finds nothing in these files;
        // why (likely context its injection analyzers need) is not established yet. The pack judges
        // the objects as written, as Istio documents both codes (policies/README.md).
        const STRICTER_ON_PURPOSE: Record<string, string[]> = {
            "IST0123-both-injection-labels.yaml": ["IST0123"],
            "IST0135-deprecated-inject-annotation.yaml": ["IST0135"],
        };
        for (const file of corpus) {
            it(`${file}: both report the same IST codes the pack mirrors`, async () => {
                const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
                const result = compare(await packCodes(asResources(text)), analyze(istioctl!, [path.join(CORPUS, file)]));
                result.istio.forEach((c) => covered.add(c));
                assert.deepEqual(result, { ...result, missedByPack: [], extraInPack: STRICTER_ON_PURPOSE[file] ?? [] });
            });
        }

        for (const stack of SHIPPED_STACKS) {
            it(`the clean ${stack} stack: neither reports a code the pack mirrors`, async () => {
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "differential-"));
                try {
                    const resources = (await runStack(stack)).resources;
                    // The rendered manifest holds Kubernetes objects only (charts and patches are in a file of their own).
                    const file = path.join(dir, `${stack}.yaml`);
                    fs.writeFileSync(file, manifestYaml(stack, resources));
                    const result = compare(await packCodes(asResources(manifestYaml(stack, resources))), analyze(istioctl!, [file]));
                    assert.deepEqual(result, { pack: [], istio: [], missedByPack: [], extraInPack: [] });
                } finally {
                    fs.rmSync(dir, { recursive: true, force: true });
                }
            });
        }
    });
});
