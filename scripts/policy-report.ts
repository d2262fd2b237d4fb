import * as path from "path";
import { policies } from "../policies/rules";
import { readPolicyConfig } from "../policies/runner/config";
import { evaluatePolicies, mandatoryViolations } from "../policies/runner/evaluate";
import { formatReport } from "../policies/runner/table";
import { PROJECT_ROOT, runStack } from "./mock-program";

/**
 * Runs the program for a stack under Pulumi's mocks (no CLI, no cluster) and
 * evaluates the policy pack on what it registers.
 *
 *   npx ts-node --transpile-only scripts/policy-report.ts --stack prod [--config policies/config/prod.json]
 *
 * The config defaults to policies/config/<stack>.json. Exit code 1 when a
 * mandatory policy fails, 2 when the stack config or policy config is invalid.
 */
function option(argv: string[], name: string, fallback: string): string {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
}

export async function policyReport(argv: string[], print: (text: string) => void): Promise<number> {
    const stack = option(argv, "stack", "dev");
    const configFile = path.resolve(option(argv, "config", path.join(PROJECT_ROOT, "policies/config", `${stack}.json`)));
    let config;
    let run;
    try {
        config = readPolicyConfig(configFile, policies.map((p) => p.name));
        run = await runStack(stack);
    } catch (e) {
        print(`error: ${(e as Error).message}`);
        return 2;
    }
    const report = await evaluatePolicies(policies, run.resources, {
        config,
        stackTags: { "pulumi:project": "istio-mesh", "pulumi:runtime": "nodejs" },
    });
    print(`Policy report for stack ${stack} (${path.relative(process.cwd(), configFile)}, ${run.resources.length} resources)\n`);
    print(formatReport(report));
    return mandatoryViolations(report).length > 0 ? 1 : 0;
}

if (require.main === module) {
    policyReport(process.argv.slice(2), (text) => console.log(text)).then(
        (code) => process.exit(code),
        (e) => {
            console.error(e);
            process.exit(2);
        },
    );
}
