import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";
import { spawnMocha } from "./helpers/spawn-mocha";

// The specs that run every stack file: a new environment must pass them as they are.
const PROGRAM_SPECS = ["test/mesh-program.spec.ts", "test/traffic-program.spec.ts", "test/observability-program.spec.ts"];

describe("adding an environment", () => {
    it("a new stack file with only a profile is covered by the program specs, unedited", function () {
        // A child mocha over three program specs: about a minute, several on a loaded machine.
        this.timeout(600_000);
        const stack = `newcomer-${process.pid}`;
        const file = path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`);
        fs.writeFileSync(file, "config:\n  istio-mesh:profile: production\n");
        try {
            const result = spawnMocha(PROGRAM_SPECS);
            assert.equal(result.status, 0, result.stdout.slice(-4000));
            assert.match(result.stdout, new RegExp(`stack ${stack}`), "the new stack ran");
            assert.doesNotMatch(result.stdout, /failing/);
        } finally {
            fs.rmSync(file);
        }
    });
});
