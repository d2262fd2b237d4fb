import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as vm from "vm";

// stacks/plain-stack-traces.ts compiled as tsc would, loaded as if it lived at `filename`.
function loadAs(filename: string): () => void {
    const source = fs.readFileSync(path.join(__dirname, "..", "stacks", "plain-stack-traces.ts"), "utf8");
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    const module = { exports: {} as { plainStackTraces: () => void } };
    vm.runInThisContext(`(function (exports, module, __filename) {${js}\n})`)(module.exports, module, filename);
    return module.exports.plainStackTraces;
}

describe("plainStackTraces (stacks/plain-stack-traces.ts)", () => {
    const installed = Error.prepareStackTrace;
    afterEach(() => {
        Error.prepareStackTrace = installed;
    });
    const formatter = (e: Error) => `mapped ${e.message}`;

    it("compiled, removes the source-map formatter the SDK installed: stacks are V8's own", () => {
        Error.prepareStackTrace = formatter;
        loadAs("/project/bin/stacks/plain-stack-traces.js")();
        assert.equal(Error.prepareStackTrace, undefined);
        assert.match(new Error("boom").stack ?? "", /^Error: boom\n\s+at /);
    });

    it("under ts-node, leaves the sources' source maps in place", () => {
        Error.prepareStackTrace = formatter;
        loadAs("/project/stacks/plain-stack-traces.ts")();
        assert.equal(Error.prepareStackTrace, formatter);
    });
});
