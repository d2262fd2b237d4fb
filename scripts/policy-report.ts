import * as path from "path";
import { policies } from "../policies/rules";
import { PolicyPackConfig, readPolicyConfig } from "../policies/runner/config";
import { evaluatePolicies, mandatoryViolations } from "../policies/runner/evaluate";
import { formatReport } from "../policies/runner/table";
import { ConfigError } from "../stacks/errors";
import { Cli, optionsOrExit, runCommand } from "./cli";
import { PROJECT_ROOT, Registered, runStack, stackNames } from "./mock-program";

/**
 * Runs the program for a stack under Pulumi's mocks (no CLI, no cluster) and
 * evaluates the policy pack on what it registers. Exit code 1 when a
 * mandatory policy fails, 2 on bad arguments or an invalid stack or policy config.
 */
const CLI: Cli = {
    usage: "npm run policy-report -- [--stack <name>] [--config <policy pack config>]",
    description: "Runs a stack's program under Pulumi's mocks (no CLI, no cluster) and evaluates the policy pack on what it registers.\n" +
        "Exit 0 when no mandatory policy fails, 1 when one does, 2 on bad arguments or an invalid stack or policy config.",
    options: {
        stack: { value: "name", help: "the stack whose Pulumi.<name>.yaml is run (default dev)" },
        config: { value: "file", help: "policy pack config (default policies/config/<stack>.json)" },
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

/** The pack's verdict on a stack's registrations: the printable report and whether a mandatory policy failed. */
export async function stackPolicyReport(stack: string, resources: Registered[], config: PolicyPackConfig, configFile: string) {
    const report = await evaluatePolicies(policies, resources, {
        config,
        stackTags: { "pulumi:project": "istio-mesh", "pulumi:runtime": "nodejs" },
    });
    const text = `Policy report for stack ${stack} (${path.relative(process.cwd(), configFile)}, ${resources.length} resources)\n\n` +
        formatReport(report);
    return { text, failed: mandatoryViolations(report).length > 0 };
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

export async function policyReport(argv: string[], print: (text: string) => void, printError: (text: string) => void = print, dir = PROJECT_ROOT): Promise<number> {
    const options = optionsOrExit(CLI, argv, print, printError);
    if (typeof options === "number") return options;
    const stack = (options.stack as string | undefined) ?? "dev";
    const problem = unknownStack(stack, dir);
    if (problem) {
        printError(`error: ${problem}`);
        return 2;
    }
    const loaded = await runWithPolicyConfig(stack, options.config as string | undefined, dir, printError);
    if (typeof loaded === "number") return loaded;
    const { config, configFile, run } = loaded;
    const { text, failed } = await stackPolicyReport(stack, run.resources, config, configFile);
    print(text);
    return failed ? 1 : 0;
}

if (require.main === module) runCommand((argv, print, printError) => policyReport(argv, print, printError), 3);
