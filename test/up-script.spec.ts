import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";

const UP = path.join(PROJECT_ROOT, "scripts/up.sh");

// `pulumi` and `npm` that record their arguments instead of running.
const RECORDER = `#!/bin/sh
echo "$(basename "$0") $*" >> "$CALLS"
`;

/** Runs scripts/up.sh with fake pulumi and npm; returns its status, stderr and the commands it ran. */
function up(args: string[], env: Record<string, string>, tools = ["pulumi", "npm"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "up-sh-"));
    try {
        for (const tool of tools) fs.writeFileSync(path.join(dir, tool), RECORDER, { mode: 0o755 });
        const calls = path.join(dir, "calls");
        const result = spawnSync("bash", [UP, ...args], {
            env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, CALLS: calls, PULUMI_BACKEND_URL: `file://${dir}`, ...env },
            encoding: "utf8",
            timeout: 10_000,
        });
        const ran = fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n") : [];
        return { status: result.status, stderr: result.stderr, ran };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("scripts/up.sh", () => {
    it("runs `pulumi up` with the policy pack and that stack's policy config", () => {
        const { status, ran } = up(["dev", "--yes"], {});
        assert.equal(status, 0);
        assert.deepEqual(ran, [
            "npm ci --no-audit --no-fund",
            "pulumi stack select --create dev",
            "pulumi up --stack dev --policy-pack policies --policy-pack-config policies/config/dev.json --yes",
        ]);
        assert.equal(up(["prod"], { PULUMI_CONFIG_PASSPHRASE: "s3cret" }).ran.pop(),
            "pulumi up --stack prod --policy-pack policies --policy-pack-config policies/config/prod.json");
    });

    it("refuses an empty passphrase for prod before touching anything", () => {
        for (const env of [{}, { PULUMI_CONFIG_PASSPHRASE: "" }] as Record<string, string>[]) {
            const { status, stderr, ran } = up(["prod"], env);
            assert.equal(status, 1);
            assert.match(stderr, /refusing an empty passphrase for prod: set PULUMI_CONFIG_PASSPHRASE/);
            assert.deepEqual(ran, []);
        }
    });

    it("says that creating the stack writes encryptionsalt into its stack file", () => {
        assert.match(up(["dev"], {}).stderr, /stack select --create.*writes its encryptionsalt into Pulumi\.dev\.yaml/);
    });

    it("refuses a stack without a policy config", () => {
        const { status, stderr, ran } = up(["staging"], {});
        assert.equal(status, 1);
        assert.match(stderr, /no policy config policies\/config\/staging\.json for stack staging/);
        assert.deepEqual(ran, []);
    });

    it("without the Pulumi CLI, still installs the dependencies and points to the offline path", () => {
        const { status, stderr, ran } = up(["dev"], {}, ["npm"]);
        assert.equal(status, 1, stderr);
        assert.deepEqual(ran, ["npm ci --no-audit --no-fund"]);
        assert.match(stderr, /the Pulumi CLI is not installed .*npm run render -- --stack dev .*npm test, or scripts\/up\.sh --local dev/);
    });
});
