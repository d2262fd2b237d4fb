import { strict as assert } from "assert";
import { ConfigError } from "../../stacks/errors";
import { parseEnvironment } from "../../stacks/load";

/** The problems the loader reports for a bare config tree; fails if the config is accepted. */
export function problemsOf(config: Record<string, unknown>): string[] {
    try {
        parseEnvironment(config);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
        return err.problems;
    }
    assert.fail("config was accepted");
}
