import * as fs from "fs";
import * as path from "path";
import { textTable } from "../policies/runner/table";
import { Cli, optionsOrExit, runCommand } from "./cli";
import { PROJECT_ROOT } from "./mock-program";
import { FORMAT_OPTION, Format, runWithPolicyConfig, stackPolicyReport, unknownStack } from "./policy-report";
import { counts, inputRows, inputsYaml, manifestYaml, objectRows } from "./render/manifest";
import { PLAIN, tableFit, Terminal, terminalOf } from "./report/terminal";

/**
 * Offline render: what `pulumi preview` would be asked to create, for reviewers
 * without cluster credentials. No CLI, no cluster: the program runs under
 * Pulumi's mocks with the stack file's config.
 */
const CLI: Cli = {
    usage: "npm run render -- --stack <name> [--out <dir>] [--config <policy pack config>] [--format table|json|sarif|github]",
    description: "Runs a stack's program under Pulumi's mocks (no CLI, no cluster), writes the Kubernetes objects it creates to\n" +
        "<out>/<stack>.yaml and its Helm charts and patches to <out>/<stack>.inputs.yaml, prints a summary and the policy report.\n" +
        "Exit 0 when clean, 1 when a mandatory policy fails, 2 on bad arguments or config.",
    options: {
        stack: { value: "name", help: "the stack whose Pulumi.<name>.yaml is rendered (required)" },
        out: { value: "dir", help: "where to write <stack>.yaml (default out/)" },
        config: { value: "file", help: "policy pack config (default policies/config/<stack>.json)" },
        format: { ...FORMAT_OPTION, help: `the policy report's format: ${FORMAT_OPTION.help}; other than table, only the report is printed` },
    },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `dir` holds the stack files: the project itself, or another folder in tests. */
export async function render(argv: string[], print: (text: string) => void, printError: (text: string) => void = print, dir = PROJECT_ROOT,
    terminal: Terminal = PLAIN): Promise<number> {
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
    const [file, inputsFile] = [path.join(outDir, `${stack}.yaml`), path.join(outDir, `${stack}.inputs.yaml`)];
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, manifestYaml(stack, run.resources));
    fs.writeFileSync(inputsFile, inputsYaml(stack, run.resources));

    const format = (options.format as Format | undefined) ?? "table";
    if (format === "table") {
        const n = counts(run.resources);
        const fit = tableFit(terminal);
        print(textTable(["KIND", "NAME", "NAMESPACE", "COMPONENT"], objectRows(run.resources), fit));
        print("");
        print(textTable(["HELM CHART OR PATCH", "NAME", "NAMESPACE", "CHART"], inputRows(run.resources), fit));
        print(`\nWrote ${path.relative(process.cwd(), file)}: ${plural(n.object, "Kubernetes object")}; ` +
            `${path.relative(process.cwd(), inputsFile)}: ${plural(n.chart, "Helm chart")} and ${plural(n.patch, "patch", "patches")} (the engine expands and applies them at preview).\n` +
            `${plural(run.resources.length, "registration")} in all, with ${plural(n.component, "component")} and ${plural(n.provider, "provider")}; the policy pack reads them all.\n`);
    }
    const { text, failed } = await stackPolicyReport(stack, run.resources, config, configFile, { format, dir, terminal });
    print(text);
    return failed ? 1 : 0;
}

if (require.main === module) runCommand((argv, print, printError) => render(argv, print, printError, PROJECT_ROOT, terminalOf(process.stdout)), 3);
