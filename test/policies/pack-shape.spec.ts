import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/rules";
import { format, MESSAGES, parse } from "../../policies/rules/lib/messages";
import { readYaml, ISTIO_REFERENCE } from "../helpers/chart-values";
import { PROJECT_ROOT } from "../helpers/mock-program";

const RULES = path.join(PROJECT_ROOT, "policies/rules");
const istioCodes = new Set(((readYaml(path.join(ISTIO_REFERENCE, "analysis/messages.yaml")) as { messages: { code: string }[] }).messages).map((m) => m.code));

describe("the pack's shape", () => {
    describe("policy names follow file paths: policies/rules/<area>/<file>.ts is <area>-<file>", () => {
        const files = fs.readdirSync(RULES).filter((d) => d !== "lib" && fs.statSync(path.join(RULES, d)).isDirectory())
            .flatMap((area) => fs.readdirSync(path.join(RULES, area)).filter((f) => f.endsWith(".ts")).map((f) => [area, f.slice(0, -3)]));

        for (const [area, file] of files) {
            it(`${area}/${file}.ts`, () => {
                const exported = Object.values(require(path.join(RULES, area, file))).filter((v) => policies.includes(v as never));
                assert.equal(exported.length, 1, "the file exports one policy of the pack");
                assert.equal((exported[0] as { name: string }).name, `${area}-${file}`);
            });
        }

        it("every policy of the pack has its file", () => {
            assert.deepEqual(policies.map((p) => p.name).sort(), files.map(([area, file]) => `${area}-${file}`).sort());
        });
    });

    describe("metadata", () => {
        for (const p of policies) {
            it(`${p.name}: severity, topics, docs, its messages and the IST codes it mirrors`, () => {
                assert.ok(["low", "medium", "high", "critical"].includes(p.meta.severity));
                assert.ok(p.meta.topics.length > 0);
                assert.ok(p.meta.why.length > 5);
                assert.match(p.meta.docs, /^https:\/\/(istio\.io|kiali\.io)\//);
                assert.ok(p.meta.messages.length > 0);
                for (const code of p.meta.istio) assert.ok(istioCodes.has(code), `${code} is an analyzer code of Istio 1.30.3`);
                // The codes it mirrors are the ones its messages report.
                assert.deepEqual([...p.meta.istio].sort(), [...new Set(p.meta.messages.flatMap((m) => (m.istio ? [m.istio] : [])))].sort());
            });
        }

        it("every catalogue message belongs to exactly one policy", () => {
            const owners = Object.values(MESSAGES).map((m) => policies.filter((p) => p.meta.messages.includes(m)).map((p) => p.name));
            Object.values(MESSAGES).forEach((m, i) => assert.equal(owners[i].length, 1, `${m.code} ${m.name}: ${owners[i].join(", ")}`));
        });
    });

    describe("message catalogue", () => {
        it("has unique codes, names as keys, and templates about a subject", () => {
            const codes = Object.values(MESSAGES).map((m) => m.code);
            assert.equal(new Set(codes).size, codes.length);
            for (const [key, m] of Object.entries(MESSAGES)) {
                assert.equal(m.name, key);
                assert.match(m.code, /^ISM\d{4}$/);
                assert.ok(m.template.startsWith("{subject} "), m.code);
            }
        });

        it("formats every placeholder and reads code and arguments back", () => {
            const text = format(MESSAGES.RouteWeightsNot100, { subject: "VirtualService default/myapp", where: "http[1]", weights: "90 + 20", sum: 110, shares: "" });
            assert.equal(text, "ISM0302 VirtualService default/myapp at http[1]: route weights 90 + 20 = 110, not 100. Set the weights so they add up to exactly 100.");
            assert.deepEqual(parse(text)?.args, { subject: "VirtualService default/myapp", where: "http[1]", weights: "90 + 20", sum: "110", shares: "" });
            assert.equal(parse(text)?.message, MESSAGES.RouteWeightsNot100);
            assert.throws(() => format(MESSAGES.RouteWeightsNot100, { subject: "x" }), /ISM0302 RouteWeightsNot100: no value for \{where\}/);
            assert.equal(parse("VirtualService default/myapp is wrong"), undefined);
        });
    });
});
