import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../helpers/mock-program";
import { policyReport } from "../../scripts/policy-report";

async function report(...argv: string[]): Promise<{ code: number; text: string }> {
    const lines: string[] = [];
    const code = await policyReport(argv, (text) => lines.push(text));
    return { code, text: lines.join("\n") };
}

describe("scripts/policy-report.ts", () => {
    it("reports the prod stack against prod.json by default: no violation, exit 0", async () => {
        const { code, text } = await report("--stack", "prod");
        assert.equal(code, 0);
        assert.match(text, /Policy report for stack prod \(policies\/config\/prod\.json, \d+ registrations\)/);
        assert.match(text, /No policy violations\./);
    });

    it("exits 1 with the table when a mandatory policy fails", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-report-"));
        const prod = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies/config/prod.json"), "utf8"));
        const file = path.join(dir, "strict.json");
        fs.writeFileSync(file, JSON.stringify({ ...prod, "platform-control-plane-ha": { enforcementLevel: "mandatory", minReplicas: 10 } }));
        const { code, text } = await report("--stack", "prod", "--config", file);
        assert.equal(code, 1);
        assert.match(text, /^platform-control-plane-ha\s+istio-istiod \(helm\.sh\/v4:Chart\)\s+mandatory\s+ISM0605 istiod chart istio-istiod runs at least 2 replica\(s\), fewer than 10/m);
    });

    it("exits 2 on a stack or policy config it cannot read", async () => {
        assert.equal((await report("--stack", "no-such-stack")).code, 2);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-report-"));
        fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ "no-such-policy": "mandatory" }));
        const { code, text } = await report("--stack", "prod", "--config", path.join(dir, "bad.json"));
        assert.equal(code, 2);
        assert.match(text, /unknown policy "no-such-policy"/);
    });
});
