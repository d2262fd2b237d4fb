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
 *   npx ts-node scripts/policy-report.ts --stack prod [--config policies/config/prod.json]
 *
 * The config defaults to policies/config/<stack>.json. Exit 1 when a mandatory
 * policy fails, 2 when the stack config or policy config is invalid.
 */
function option(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
    const stack = option("stack", "dev");
    const configFile = path.resolve(option("config", path.join(PROJECT_ROOT, "policies/config", `${stack}.json`)));
    let config;
    let run;
    try {
        config = readPolicyConfig(configFile, policies.map((p) => p.name));
        run = await runStack(stack);
    } catch (e) {
        console.error(`error: ${(e as Error).message}`);
        return 2;
    }
    const report = await evaluatePolicies(policies, run.resources, {
        config,
        stackTags: { "pulumi:project": "istio-mesh", "pulumi:runtime": "nodejs" },
    });
    console.log(`Policy report for stack ${stack} (${path.relative(process.cwd(), configFile)}, ${run.resources.length} resources)\n`);
    console.log(formatReport(report));
    return mandatoryViolations(report).length > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(2);
    },
);
