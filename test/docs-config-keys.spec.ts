import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { environmentSchema } from "../stacks/schema";
import { documentedKeys, schemaKeys } from "./helpers/config-keys";
import { PROJECT_ROOT } from "./helpers/mock-program";
import { guideFiles } from "./helpers/readme-examples";

// A row `services.<name>.*` only points to the page that documents a service's keys.
const POINTER = /\.\*$/;

describe("config keys in the docs (README.md and docs/)", () => {
    const rows = guideFiles().flatMap((f) => documentedKeys(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"), f)).filter((r) => !POINTER.test(r.key));
    const keys = schemaKeys(environmentSchema);

    it("documents every key of the stack config schema, itself, or as part of a documented key, or through its documented keys", () => {
        const documented = rows.map((r) => r.key);
        const missing = keys.filter((k) => !documented.some((d) => d === k || d.startsWith(`${k}.`) || k.startsWith(`${d}.`)));
        assert.deepEqual(missing, []);
    });

    it("documents each key in one row of one reference table", () => {
        const where = new Map<string, string[]>();
        for (const r of rows) where.set(r.key, [...(where.get(r.key) ?? []), r.where]);
        assert.deepEqual([...where].filter(([, w]) => w.length > 1), []);
    });

    it("documents no key the schema does not have", () => {
        assert.deepEqual(rows.filter((r) => !keys.includes(r.key)).map((r) => r.where), []);
    });

    it("reads prefixes, siblings, lists of keys and continued rows, and walks records and lists", () => {
        const table = [
            "| key (below `security`) | type | default | meaning |",
            "|---|---|---|---|",
            "| `authorization.policies.<name>` | object | | |",
            "| `...policies.<name>.rules[i].when` | list | | |",
            "| `mtls.mode` / `trustDomain`, `ca.enabled` | | | |",
            "",
            "| `not.a.key` | outside a key table |",
        ].join("\n");
        assert.deepEqual(documentedKeys(table, "x.md").map((r) => r.key), [
            "security.authorization.policies.<>", "security.authorization.policies.<>.rules.when",
            "security.mtls.mode", "security.mtls.trustDomain", "security.ca.enabled",
        ]);
        const schema = z.strictObject({ a: z.record(z.string(), z.strictObject({ b: z.array(z.strictObject({ c: z.boolean() })).optional() })) });
        assert.deepEqual(schemaKeys(schema), ["a", "a.<>", "a.<>.b", "a.<>.b.c"]);
    });
});
