import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";

/**
 * scripts/compiled.js, copied into a project of its own: a script whose TypeScript says "source"
 * and whose compiled copy says "compiled", so the output tells which one ran.
 */
describe("scripts/compiled.js: scripts run compiled only when bin/ is as new as every source", () => {
    let dir: string;
    const at = (file: string, seconds: number) => fs.utimesSync(path.join(dir, file), seconds, seconds);
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    };
    // ts-node resolves from the working directory: the project's.
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(dir, "scripts", "compiled.js"), ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-compiled-"));
        fs.mkdirSync(path.join(dir, "scripts"));
        for (const file of ["scripts/compiled.js", "tsconfig.build.json"]) fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(dir, file));
        write("scripts/hello.ts", 'const who: string = "source";\nconsole.log(`${who} ${process.argv.slice(2).join(" ")}`);\n');
        write("stacks/load.ts", "export {};\n");
        write("bin/scripts/hello.js", 'console.log(`compiled ${process.argv.slice(2).join(" ")}`);\n');
        write("bin/.built", "");
        for (const file of ["scripts/hello.ts", "stacks/load.ts"]) at(file, 1_000_000);
        at("bin/.built", 2_000_000);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("runs bin/scripts/<name>.js, with its arguments, when no source changed since the build", () => {
        const result = run("hello", "--stack", "dev");
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout, "compiled --stack dev\n");
    });

    it("runs the TypeScript source when any source changed after the build, or nothing was built", () => {
        at("stacks/load.ts", 3_000_000);
        assert.equal(run("hello", "x").stdout, "source x\n");
        at("stacks/load.ts", 1_000_000);
        fs.rmSync(path.join(dir, "bin", ".built"));
        assert.equal(run("hello", "y").stdout, "source y\n");
    });

    it("refuses a script that does not exist, with exit 2", () => {
        const result = run("nope");
        assert.equal(result.status, 2);
        assert.match(result.stderr, /no scripts\/nope\.ts/);
    });
});
