import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";

// Our Node.js language host passes a config over Linux's 128 KiB for one environment string through a
// private file, which its preload script puts back into process.env before the installed @pulumi/pulumi
// reads it (scripts/toolchain/pulumi-language-hosts/largeenv.go; its Go test covers the host's side).
const PRELOAD = path.join(PROJECT_ROOT, "scripts", "toolchain", "pulumi-language-hosts", "preload.js");

// What the SDK sees: a value, the number of keys, whether a key is secret, and what is left of the file's variable.
const PROBE = `
const pulumi = require("@pulumi/pulumi");
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config");
process.stdout.write(JSON.stringify({
    value: new pulumi.Config("istio-mesh").get("service199"),
    keys: Object.keys(pulumi.runtime.allConfig()).length,
    secret: isConfigSecret("istio-mesh:service7"),
    fileVar: process.env.ISTIO_MESH_PULUMI_ENV_FILE ?? null,
}));`;

function probe(env: NodeJS.ProcessEnv): Record<string, unknown> {
    const r = spawnSync(process.execPath, ["-r", PRELOAD, "-e", PROBE], { cwd: PROJECT_ROOT, env, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
}

describe("Node.js language host: config too large for one environment string", () => {
    const config = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`istio-mesh:config:service${i}`, `${i}:${"x".repeat(1000)}`]));
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "preload-spec-")); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the preload hands the SDK the config and secret keys from the file, then removes the file", () => {
        const file = path.join(dir, "env.json");
        const vars = { PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["istio-mesh:service7"]) };
        assert.ok(vars.PULUMI_CONFIG.length > 128 * 1024);
        fs.writeFileSync(file, JSON.stringify(vars), { mode: 0o600 });
        const seen = probe({ ...process.env, PULUMI_CONFIG: undefined, ISTIO_MESH_PULUMI_ENV_FILE: file });
        assert.deepEqual(seen, { value: config["istio-mesh:config:service199"], keys: 200, secret: true, fileVar: null });
        assert.ok(!fs.existsSync(file), "the file of decrypted config is removed once read");
    });

    it("without the file the preload leaves the environment as it is", () => {
        const seen = probe({ ...process.env, PULUMI_CONFIG: JSON.stringify({ "istio-mesh:config:service199": "small" }), ISTIO_MESH_PULUMI_ENV_FILE: undefined });
        assert.deepEqual(seen, { value: "small", keys: 1, secret: false, fileVar: null });
    });
});
