import * as fs from "fs";
import * as path from "path";
import { policies } from "../policies/rules";
import { PolicyPackConfig, readPolicyConfig } from "../policies/runner/config";
import { evaluatePolicies, mandatoryViolations } from "../policies/runner/evaluate";
import { formatReport } from "../policies/runner/table";
import { ConfigError } from "../stacks/errors";
import { Cli, optionsOrExit, runCommand } from "./cli";
import { PROJECT_ROOT, Registered, runStack, stackNames } from "./mock-program";
import { reportData } from "./report/findings";
import { githubAnnotations } from "./report/github";
import { sarifLog } from "./report/sarif";
import { PLAIN, tableFit, Terminal, terminalOf } from "./report/terminal";

/**
 * Runs the program for a stack under Pulumi's mocks (no CLI, no cluster) and
 * evaluates the policy pack on what it registers. Exit code 1 when a
 * mandatory policy fails, 2 on bad arguments or an invalid stack or policy config.
 */
export const FORMATS = ["table", "json", "sarif", "github"] as const;
export type Format = (typeof FORMATS)[number];

/** The --format option, shared with render. */
export const FORMAT_OPTION = {
    value: "format",
    choices: FORMATS,
    help: "table (default; wrapped and coloured on a terminal), json, sarif (SARIF 2.1.0 for code scanning) or github (Actions annotations)",
};

const CLI: Cli = {
    usage: "npm run policy-report -- [--stack <name>] [--config <policy pack config>] [--format table|json|sarif|github] [--output <file>]",
    description: "Runs a stack's program under Pulumi's mocks (no CLI, no cluster) and evaluates the policy pack on what it registers.\n" +
        "Exit 0 when no mandatory policy fails, 1 when one does, 2 on bad arguments or an invalid stack or policy config.",
    options: {
        stack: { value: "name", help: "the stack whose Pulumi.<name>.yaml is run (default dev)" },
        config: { value: "file", help: "policy pack config (default policies/config/<stack>.json)" },
        format: FORMAT_OPTION,
        output: { value: "file", help: "write the report to this file instead of standard output" },
    },
};

export function policyConfigFile(config: string | undefined, stack: string): string {
    return path.resolve(config ?? path.join(PROJECT_ROOT, "policies/config", `${stack}.json`));
}

export function loadPolicyConfig(file: string): PolicyPackConfig {
    return readPolicyConfig(file, policies.map((p) => p.name));
}

/** Why `stack` cannot be run from `dir`, listing the stack files there; undefined when it can. */
export function unknownStack(stack: string, dir: string): string | undefined {
    if (stackNames(dir).includes(stack)) return undefined;
    return `no stack file Pulumi.${stack}.yaml; stacks: ${stackNames(dir).join(", ")}`;
}

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).version;

export interface ReportOptions {
    format?: Format;
    /** Where a table goes: its width and whether it may use colour. */
    terminal?: Terminal;
    /** The folder of the stack file (the project by default). */
    dir?: string;
}

/** The pack's verdict on a stack's registrations: the report in the asked format and whether a mandatory policy failed. */
export async function stackPolicyReport(stack: string, resources: Registered[], config: PolicyPackConfig, configFile: string, options: ReportOptions = {}) {
    const report = await evaluatePolicies(policies, resources, {
        config,
        stackTags: { "pulumi:project": "istio-mesh", "pulumi:runtime": "nodejs" },
    });
    const failed = mandatoryViolations(report).length > 0;
    const format = options.format ?? "table";
    if (format === "table") {
        const text = `Policy report for stack ${stack} (${path.relative(process.cwd(), configFile)}, ${resources.length} registrations)\n\n` +
            formatReport(report, tableFit(options.terminal ?? PLAIN));
        return { text, failed };
    }
    const stackFile = path.join(options.dir ?? PROJECT_ROOT, `Pulumi.${stack}.yaml`);
    const data = reportData({ stack, stackFile, policyConfig: configFile, resources, report, policies });
    const text = format === "json" ? JSON.stringify(data, null, 2)
        : format === "sarif" ? JSON.stringify(sarifLog(data, policies, VERSION), null, 2)
        : githubAnnotations(data);
    return { text, failed };
}

/** Prints the report, or writes it to `output` and says so. */
export function deliver(text: string, output: string | undefined, print: (text: string) => void): void {
    if (output === undefined) return print(text);
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, text.endsWith("\n") ? text : `${text}\n`);
    print(`Wrote the policy report to ${output}`);
}

/**
 * The policy config and the stack's program run, or exit code 2 after printing
 * what is wrong with either (no stack trace: the user's to fix).
 */
export async function runWithPolicyConfig(stack: string, configOption: string | undefined, dir: string, printError: (text: string) => void) {
    const configFile = policyConfigFile(configOption, stack);
    let config;
    try {
        config = loadPolicyConfig(configFile);
    } catch (e) {
        printError(`error: policy config ${path.relative(process.cwd(), configFile)}: ${(e as Error).message}`);
        return 2;
    }
    try {
        return { config, configFile, run: await runStack(stack, dir) };
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        printError(`error: ${e.message}`);
        return 2;
    }
}

export async function policyReport(argv: string[], print: (text: string) => void, printError: (text: string) => void = print, dir = PROJECT_ROOT,
    terminal: Terminal = PLAIN): Promise<number> {
    const options = optionsOrExit(CLI, argv, print, printError);
    if (typeof options === "number") return options;
    const stack = (options.stack as string | undefined) ?? "dev";
    const format = (options.format as Format | undefined) ?? "table";
    const problem = unknownStack(stack, dir);
    if (problem) {
        printError(`error: ${problem}`);
        return 2;
    }
    const loaded = await runWithPolicyConfig(stack, options.config as string | undefined, dir, printError);
    if (typeof loaded === "number") return loaded;
    const { config, configFile, run } = loaded;
    const output = options.output as string | undefined;
    // A file gets plain text whatever the terminal is.
    const { text, failed } = await stackPolicyReport(stack, run.resources, config, configFile, { format, dir, terminal: output ? PLAIN : terminal });
    deliver(text, output, print);
    return failed ? 1 : 0;
}

if (require.main === module) runCommand((argv, print, printError) => policyReport(argv, print, printError, PROJECT_ROOT, terminalOf(process.stdout)), 3);
