import { ProgramRun, runStack } from "../../scripts/mock-program";

// The mock harness lives in scripts/ because the render and policy report scripts run it too.
export * from "../../scripts/mock-program";

export type ShippedStack = "dev" | "prod";
export const SHIPPED_STACKS: readonly ShippedStack[] = ["dev", "prod"];

/**
 * Runs the shipped stacks once before the enclosing suite's tests (a mocha
 * `before` hook); `runs.dev` and `runs.prod` are read inside the tests.
 */
export function shippedStackRuns(): Record<ShippedStack, ProgramRun> {
    const runs = {} as Record<ShippedStack, ProgramRun>;
    before(async () => {
        for (const stack of SHIPPED_STACKS) runs[stack] = await runStack(stack);
    });
    return runs;
}
