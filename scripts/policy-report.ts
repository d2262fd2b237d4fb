import * as path from "path";
import { policies } from "../policies/rules";
import { PolicyPackConfig, readPolicyConfig } from "../policies/runner/config";
import { evaluatePolicies, mandatoryViolations } from "../policies/runner/evaluate";
import { formatReport } from "../policies/runner/table";
import { PROJECT_ROOT, Registered, runStack } from "./mock-program";
import { runCommand } from "./cli";

/**
 * Runs the program for a stack under Pulumi's mocks (no CLI, no cluster) and
 * evaluates the policy pack on what it registers.
 *
 *   npx ts-node --transpile-only scripts/policy-report.ts --stack prod [--config policies/config/prod.json]
 *
 * The config defaults to policies/config/<stack>.json. Exit code 1 when a
 * mandatory policy fails, 2 when the stack config or policy config is invalid.
 */
export function option(argv: string[], name: string, fallback: string): string {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

export function policyConfigFile(argv: string[], stack: string): string {
    return path.resolve(option(argv, "config", path.join(PROJECT_ROOT, "policies/config", `${stack}.json`)));
}

export function loadPolicyConfig(file: string): PolicyPackConfig {
    return readPolicyConfig(file, policies.map((p) => p.name));
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

export async function policyReport(argv: string[], print: (text: string) => void): Promise<number> {
    const stack = option(argv, "stack", "dev");
    const configFile = policyConfigFile(argv, stack);
    let config;
    let run;
    try {
        config = loadPolicyConfig(configFile);
        run = await runStack(stack);
    } catch (e) {
        print(`error: ${(e as Error).message}`);
        return 2;
    }
    const { text, failed } = await stackPolicyReport(stack, run.resources, config, configFile);
    print(text);
    return failed ? 1 : 0;
}

if (require.main === module) runCommand(policyReport, 2);
