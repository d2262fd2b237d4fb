import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";
import { anchors, linkTargets, markdownFiles } from "./helpers/markdown";

// The README was split into docs/, policies/, components/ and CONTRIBUTING.md; a moved section must not leave links behind.
describe("Markdown links", () => {
    const files = markdownFiles(PROJECT_ROOT);

    it("finds the project's documentation", () => {
        for (const f of ["README.md", "CONTRIBUTING.md", "docs/configuration.md", "policies/README.md", "components/README.md"]) assert.ok(files.includes(f), f);
    });

    it("every relative link names a file that exists, and every anchor a heading of that file", () => {
        const broken: string[] = [];
        for (const file of files) {
            for (const target of linkTargets(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8"))) {
                if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
                const [ref, anchor] = target.split("#");
                const resolved = ref === "" ? path.join(PROJECT_ROOT, file) : path.resolve(PROJECT_ROOT, path.dirname(file), decodeURIComponent(ref));
                if (!fs.existsSync(resolved)) {
                    broken.push(`${file}: ${target} (no such file)`);
                    continue;
                }
                if (anchor !== undefined && !(resolved.endsWith(".md") && anchors(fs.readFileSync(resolved, "utf8")).has(anchor))) {
                    broken.push(`${file}: ${target} (no such heading)`);
                }
            }
        }
        assert.deepEqual(broken, []);
    });

    it("the checks catch a missing file and a missing heading", () => {
        assert.deepEqual(linkTargets("see [a](docs/x.md#y), `[not](a link)`, [b](https://e.org)\n```\n[c](in/code.md)\n```"), ["docs/x.md#y", "https://e.org"]);
        assert.ok(anchors("# Charts from a mirror (air-gapped installs)\n## Tests\n## Tests").has("charts-from-a-mirror-air-gapped-installs"));
        assert.ok(anchors("## Tests\n## Tests").has("tests-1"));
        assert.ok(!anchors("## Tests").has("test"));
    });
});
