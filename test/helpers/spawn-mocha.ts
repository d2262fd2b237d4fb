import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./mock-program";

/**
 * Runs some spec files in a child mocha with the project's config minus its
 * spec list (mocha adds specs named on the command line to the config's, which
 * would run the whole suite, this spec included, again).
 */
export function spawnMocha(specs: string[], env: Record<string, string> = {}) {
    const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".mocharc.json"), "utf8"));
    delete config.spec;
    const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-mocha-")), "mocharc.json");
    fs.writeFileSync(configFile, JSON.stringify(config));
    return spawnSync(path.join(PROJECT_ROOT, "node_modules/.bin/mocha"), ["--config", configFile, ...specs], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        env: { ...process.env, ...env },
    });
}
