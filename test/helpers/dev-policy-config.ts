import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./mock-program";

/**
 * dev's policy config without its exemption for the demo's anonymous Kiali, in a temporary file:
 * the shipped dev stack has no finding, so specs of how advisories are shown need this one.
 */
export function devConfigWithAdvisory(): string {
    const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies/config/dev.json"), "utf8"));
    config["platform-kiali-auth"] = "advisory";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dev-policy-config-")), "dev.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}
