import { strict as assert } from "assert";
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { parseBlockYaml } from "../../../policies/rules/lib/block-yaml";
import { ISTIO_REFERENCE } from "../../helpers/chart-values";

describe("policies lib: block YAML reader", () => {
    it("reads what a YAML library writes in block style (property)", () => {
        const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_.-]{0,8}$/);
        const scalar = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9 /._:#"'-]{0,12}[a-z0-9]$/), fc.integer({ min: 0, max: 99999 }), fc.boolean());
        const tree = fc.letrec((tie) => ({
            value: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("list")),
            map: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 4 }),
            list: fc.array(fc.oneof(scalar, tie("map")), { minLength: 1, maxLength: 3 }),
        })).map;
        fc.assert(
            fc.property(tree, (value) => {
                assert.deepEqual(parseBlockYaml(stringify(value, { indentSeq: false })), JSON.parse(JSON.stringify(value)));
            }),
        );
    });

    it("reads the Kiali config of Istio's sample addon", () => {
        const docs = parseAllDocuments(fs.readFileSync(path.join(ISTIO_REFERENCE, "addons/kiali.yaml"), "utf8")).map((d) => d.toJS());
        const cm = docs.find((d) => d?.kind === "ConfigMap" && d.metadata.name === "kiali");
        const parsed = parseBlockYaml(cm.data["config.yaml"]) as any;
        assert.equal(parsed.auth.strategy, "anonymous");
        assert.deepEqual(parsed, JSON.parse(JSON.stringify(parseAllDocuments(cm.data["config.yaml"])[0].toJS())));
    });

    it("refuses what it cannot read", () => {
        assert.throws(() => parseBlockYaml("a: 1\n  b: 2\n"), /unreadable YAML/);
    });
});
