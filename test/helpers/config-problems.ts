import { strict as assert } from "assert";
import { ConfigError } from "../../stacks/errors";
import { parseEnvironment } from "../../stacks/load";

/** The problem lines a bad config is rejected with; fails the test if it is accepted. */
export function problemsOf(config: Record<string, unknown>): string[] {
    try {
        parseEnvironment(config);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err.problems;
    }
    assert.fail("config was accepted");
}
