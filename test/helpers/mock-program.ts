import { PROJECT_ROOT, ProgramRun, readStackFile, runStack, stackNames } from "../../scripts/mock-program";
import { ownConfig, parseEnvironment } from "../../stacks/load";
import { Environment } from "../../stacks/schema";

// The mock harness lives in scripts/ because the render and policy report scripts run it too.
export * from "../../scripts/mock-program";

/**
 * Every stack file the project has: a new `Pulumi.<name>.yaml` is covered by
 * the program specs as it is added, each spec deriving what it expects from
 * that stack's own config (`environmentOf`).
 */
export const SHIPPED_STACKS: readonly string[] = stackNames(PROJECT_ROOT);

/** The stacks that carry the seed article's services and policies; seed-specific checks run on these. */
export const SEED_STACKS = ["dev", "prod"] as const;

/** A stack's config as the program sees it: the profile's presets merged with the stack file. */
export function environmentOf(stack: string): Environment {
    return parseEnvironment(ownConfig(readStackFile(stack)));
}

/**
 * Runs the shipped stacks once before the enclosing suite's tests (a mocha
 * `before` hook); `runs.dev` and `runs.prod` are read inside the tests.
 */
export function shippedStackRuns(): Record<string, ProgramRun> {
    const runs: Record<string, ProgramRun> = {};
    before(async () => {
        for (const stack of SHIPPED_STACKS) runs[stack] = await runStack(stack);
    });
    return runs;
}
