import { strict as assert } from "assert";
import { ConfigError } from "../../stacks/errors";
import { parseEnvironment } from "../../stacks/load";

/** The problem lines of a rejected stack config; fails the test when it is accepted or fails otherwise. */
export function configProblems(config: Record<string, unknown>): string[] {
    try {
        parseEnvironment(config);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err.problems;
    }
    assert.fail("config was accepted");
}

/** Fails unless one of `problems` starts with `message`, showing them all. */
export function assertProblem(problems: readonly string[], message: string): void {
    assert.ok(problems.some((p) => p.startsWith(message)), `no problem starts with:\n  ${message}\ngot:\n  ${problems.join("\n  ")}`);
}
