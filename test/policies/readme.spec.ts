import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/rules";
import { enforcementOf, readPolicyConfig } from "../../policies/runner/config";
import { PROJECT_ROOT } from "../helpers/mock-program";

describe("README policy table", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Policy packs"), readme.indexOf("\n## ", readme.indexOf("## Policy packs") + 1));
    const rows = section
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) => l.split("|").map((c) => c.trim()));
    const names = policies.map((p) => p.name);

    it("has one row per policy, in the pack's order", () => {
        assert.deepEqual(rows.map((r) => /^`([^`]+)`/.exec(r[1])![1]), names);
    });

    it("states each policy's level in dev and prod as the config files set it", () => {
        const dev = readPolicyConfig(path.join(PROJECT_ROOT, "policies/config/dev.json"), names);
        const prod = readPolicyConfig(path.join(PROJECT_ROOT, "policies/config/prod.json"), names);
        policies.forEach((p, i) => {
            assert.equal(rows[i][4], `${enforcementOf(p, dev, "advisory")} / ${enforcementOf(p, prod, "advisory")}`, p.name);
        });
    });

    it("marks stack policies as such", () => {
        policies.forEach((p, i) => assert.equal(rows[i][1].includes("(stack)"), "validateStack" in p, p.name));
    });
});
