import * as fs from "fs";
import * as path from "path";
import { textTable } from "../policies/runner/table";
import { Cli, optionsOrExit, runCommand } from "./cli";
import { PROJECT_ROOT } from "./mock-program";
import { runWithPolicyConfig, stackPolicyReport, unknownStack } from "./policy-report";
import { manifestYaml, sortedObjects, summaryRows } from "./render/manifest";

/**
 * Offline render: what `pulumi preview` would be asked to create, for reviewers
 * without cluster credentials. No CLI, no cluster: the program runs under
 * Pulumi's mocks with the stack file's config.
 */
const CLI: Cli = {
    usage: "npm run render -- --stack <name> [--out <dir>] [--config <policy pack config>]",
    description: "Runs a stack's program under Pulumi's mocks (no CLI, no cluster), writes what it registers to <out>/<stack>.yaml,\n" +
        "prints a summary and the policy report. Exit 0 when clean, 1 when a mandatory policy fails, 2 on bad arguments or config.",
    options: {
        stack: { value: "name", help: "the stack whose Pulumi.<name>.yaml is rendered (required)" },
        out: { value: "dir", help: "where to write <stack>.yaml (default out/)" },
        config: { value: "file", help: "policy pack config (default policies/config/<stack>.json)" },
    },
};

/** `dir` holds the stack files: the project itself, or another folder in tests. */
export async function render(argv: string[], print: (text: string) => void, printError: (text: string) => void = print, dir = PROJECT_ROOT): Promise<number> {
    const options = optionsOrExit(CLI, argv, print, printError);
    if (typeof options === "number") return options;
    const stack = options.stack as string | undefined;
    const problem = stack ? unknownStack(stack, dir) : "--stack is required";
    if (!stack || problem) {
        printError(`error: ${problem}\nusage: ${CLI.usage}`);
        return 2;
    }
    const loaded = await runWithPolicyConfig(stack, options.config as string | undefined, dir, printError);
    if (typeof loaded === "number") return loaded;
    const { config, configFile, run } = loaded;

    const outDir = path.resolve((options.out as string | undefined) ?? path.join(PROJECT_ROOT, "out"));
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

if (require.main === module) runCommand((argv, print, printError) => render(argv, print, printError), 3);
