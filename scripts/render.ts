import * as fs from "fs";
import * as path from "path";
import { textTable } from "../policies/runner/table";
import { ConfigError } from "../stacks/errors";
import { PROJECT_ROOT, runStack, stackNames } from "./mock-program";
import { loadPolicyConfig, option, policyConfigFile, stackPolicyReport } from "./policy-report";
import { manifestYaml, sortedObjects, summaryRows } from "./render/manifest";
import { runCommand } from "./cli";

/**
 * Offline render: what `pulumi preview` would be asked to create, for reviewers
 * without cluster credentials. No CLI, no cluster: the program runs under
 * Pulumi's mocks with the stack file's config.
 *
 *   npm run render -- --stack <name> [--out <dir>] [--config <policy config>]
 *
 * Exit 0 when clean, 1 when a mandatory policy fails, 2 on a config error.
 */
const USAGE = "usage: npm run render -- --stack <name> [--out <dir>] [--config <policy pack config>]";

/** `dir` holds the stack files: the project itself, or another folder in tests. */
export async function render(argv: string[], print: (text: string) => void, dir = PROJECT_ROOT): Promise<number> {
    const stack = option(argv, "stack", "");
    if (!stack || !stackNames(dir).includes(stack)) {
        print(`error: ${stack ? `no stack file Pulumi.${stack}.yaml` : "--stack is required"}; stacks: ${stackNames(dir).join(", ")}\n${USAGE}`);
        return 2;
    }
    const configFile = policyConfigFile(argv, stack);
    let config;
    try {
        config = loadPolicyConfig(configFile);
    } catch (e) {
        print(`error: policy config ${path.relative(process.cwd(), configFile)}: ${(e as Error).message}`);
        return 2;
    }
    let run;
    try {
        run = await runStack(stack, dir);
    } catch (e) {
        // A bad stack config is the user's to fix: its message, no stack trace.
        if (!(e instanceof ConfigError)) throw e;
        print(`error: ${e.message}`);
        return 2;
    }

    const outDir = path.resolve(option(argv, "out", path.join(PROJECT_ROOT, "out")));
    const file = path.join(outDir, `${stack}.yaml`);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, manifestYaml(stack, run.resources));

    print(textTable(["TYPE", "NAME", "NAMESPACE", "PARENT"], summaryRows(run.resources)));
    print(`\nWrote ${path.relative(process.cwd(), file)}: ${sortedObjects(run.resources).length} objects. ` +
        "Helm charts are shown as chart, version and values, not expanded (the engine renders them at preview).\n");
    const { text, failed } = await stackPolicyReport(stack, run.resources, config, configFile);
    print(text);
    return failed ? 1 : 0;
}

if (require.main === module) runCommand((argv, print) => render(argv, print), 3);
