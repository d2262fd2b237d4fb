import { strict as assert } from "assert";
import * as fs from "fs";
import { policies } from "../../policies/rules";
import { BEGIN, END, policyTable, TABLE_FILE, withTable } from "../../scripts/policy-table";

describe("policies/README.md policy table", () => {
    const readme = fs.readFileSync(TABLE_FILE, "utf8");

    it("is the table generated from the policies' metadata and the dev and prod configs (npm run policy-table -- --write)", () => {
        const section = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
        assert.equal(section, policyTable());
    });

    it("has one row per policy, in the pack's order, stack policies marked", () => {
        const rows = policyTable().split("\n").slice(2);
        assert.deepEqual(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1]), policies.map((p) => p.name));
        policies.forEach((p, i) => assert.equal(rows[i].includes("(stack)"), "validateStack" in p, p.name));
    });

    it("replaces only what lies between the markers", () => {
        const text = `intro\n${BEGIN}\nold table\n${END}\nrest\n`;
        assert.equal(withTable(text, "new"), `intro\n${BEGIN}\nnew\n${END}\nrest\n`);
        assert.throws(() => withTable("no markers", "new"), /no policy table markers/);
    });
});
