import { strict as assert } from "assert";
import * as fs from "fs";
import { CATALOGUE_FILE, generateFromReference, renderCatalogue, SOURCE } from "../../scripts/annotation-catalogue";

describe("policies/rules/lib/annotation-catalogue.ts: generated from Istio's pinned annotation catalogue", () => {
    it("is what scripts/annotation-catalogue.ts makes from the reference data (run `npm run annotation-catalogue -- --write` after a pin changes)", function () {
        const generated = generateFromReference();
        if ("error" in generated) {
            console.log(`      skipped: no reference data to regenerate the table from (${generated.error})`);
            this.skip();
        }
        assert.equal(fs.readFileSync(CATALOGUE_FILE, "utf8"), generated.text);
    });

    it("says where it comes from: the upstream URL, the tag and the pinned sha256", () => {
        const text = fs.readFileSync(CATALOGUE_FILE, "utf8");
        assert.ok(text.includes(`// Source: ${SOURCE.url}`));
        assert.ok(text.includes(`// Tag: 1.30.3; sha256: ${SOURCE.sha256}`));
    });

    it("keeps name, kinds and deprecation of each annotation, sorted by name", () => {
        const yaml = [
            "annotations:",
            "  - name: z.istio.io/b",
            "    description: not kept",
            "    deprecated: true",
            "    resources: [Pod, Service]",
            "  - name: a.istio.io/a",
            "    featureStatus: Alpha",
            "    resources: [Any]",
        ].join("\n");
        const text = renderCatalogue(yaml);
        assert.match(text, /"a\.istio\.io\/a": \{ resources: \["Any"\], deprecated: false \},\n {4}"z\.istio\.io\/b": \{ resources: \["Pod", "Service"\], deprecated: true \},/);
        assert.doesNotMatch(text, /not kept|Alpha/);
        assert.throws(() => renderCatalogue("annotations:\n  - name: x.istio.io/y\n"), /annotations\[0\] lacks a name or a list of resources/);
    });
});
