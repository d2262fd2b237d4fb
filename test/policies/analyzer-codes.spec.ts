import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies/rules";
import { ISTIO_REFERENCE, readYaml } from "../helpers/chart-values";
import { PROJECT_ROOT } from "../helpers/mock-program";

const messages = (readYaml(path.join(ISTIO_REFERENCE, "analysis/messages.yaml")) as { messages: { code: string; name: string }[] }).messages;

/** Rows of policies/README.md's table: code, name, verdict, policy or reason. */
function rows(): string[][] {
    return fs.readFileSync(path.join(PROJECT_ROOT, "policies/README.md"), "utf8").split("\n")
        .filter((l) => /^\| IST\d{4} /.test(l))
        .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
}

describe("policies/README.md: every analyzer code of Istio 1.30.3", () => {
    it("lists each code once, with its name, a verdict and a policy or a reason", () => {
        assert.deepEqual(rows().map(([code, name]) => `${code} ${name}`).sort(), messages.map((m) => `${m.code} ${m.name}`).sort());
        for (const [code, , verdict, why] of rows()) {
            assert.ok(["caught", "partly", "gap", "live", "info"].includes(verdict), code);
            assert.ok(why.length > 10, `${code} says why`);
        }
    });

    it("names as catching a code exactly the policies whose metadata mirror it", () => {
        for (const [code, , verdict, why] of rows()) {
            const named = [...why.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).filter((n) => policies.some((p) => p.name === n));
            const mirroring = policies.filter((p) => p.meta.istio.includes(code)).map((p) => p.name);
            if (verdict === "caught" || verdict === "partly") assert.deepEqual(named.filter((n) => mirroring.includes(n)), mirroring, code);
            else assert.deepEqual(mirroring, [], `${code} is ${verdict}, yet ${mirroring.join(", ")} lists it`);
        }
    });
});
