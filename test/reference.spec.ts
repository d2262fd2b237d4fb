import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { fetchReference } from "../scripts/fetch-reference";
import { DEFAULT_MIRROR, locateReference, MANIFEST, REFERENCE_ENV, sha256 } from "../scripts/reference/locate";
import { spawnMocha } from "./helpers/spawn-mocha";

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-reference-"));
}

const NO_MIRROR = path.join(os.tmpdir(), "istio-mesh-no-such-mirror");

/** A copy of the pinned files, fetched from the mirror the suite runs with (as from upstream). */
async function fetchedCopy(): Promise<string> {
    const { dir: source } = locateReference() as { dir: string };
    const byUrl = new Map(MANIFEST.files.map((f) => [f.url, path.join(source, f.path)]));
    const cache = tempDir();
    await fetchReference(MANIFEST.files, path.join(cache, "istio-mesh/reference"), async (url) => fs.readFileSync(byUrl.get(url)!));
    return cache;
}

describe("reference data", () => {
    it("pins every file by an https upstream URL and a sha256, once each", () => {
        assert.ok(MANIFEST.files.length > 0);
        for (const f of MANIFEST.files) {
            assert.match(f.url, /^https:\/\/raw\.githubusercontent\.com\/[\w.-]+\/[\w.-]+\/[\w.-]+\//, f.path);
            assert.match(f.sha256, /^[0-9a-f]{64}$/, f.path);
        }
        assert.equal(new Set(MANIFEST.files.map((f) => f.path)).size, MANIFEST.files.length);
    });

    it("uses ../shared/reference when it is there, with the seed article beside it", function () {
        if (!fs.existsSync(DEFAULT_MIRROR)) this.skip();
        const located = locateReference({});
        assert.deepEqual(located, { dir: DEFAULT_MIRROR, source: "mirror", seed: path.resolve(DEFAULT_MIRROR, "..", MANIFEST.seed.path) });
    });

    it(`fails with one line naming ${REFERENCE_ENV} when it points at a folder without the files`, () => {
        const empty = tempDir();
        const located = locateReference({ [REFERENCE_ENV]: empty });
        assert.ok("error" in located);
        assert.equal(located.error.split("\n").length, 1);
        assert.match(located.error, new RegExp(`${REFERENCE_ENV}=${empty} lacks ${MANIFEST.files.length} of ${MANIFEST.files.length} pinned reference files`));
        assert.match(located.error, /npm run fetch-reference/);
    });

    it("without a mirror or a cache, says what to run", () => {
        const located = locateReference({ XDG_CACHE_HOME: tempDir() }, NO_MIRROR);
        assert.ok("error" in located);
        assert.match(located.error, /^reference data not found: run `npm run fetch-reference` \(needs internet\) to fill .*istio-mesh\/reference, or set ISTIO_MESH_REFERENCE to an offline mirror/);
    });

    it("without a mirror, uses the fetched cache (no seed article there)", async () => {
        const cache = await fetchedCopy();
        assert.deepEqual(locateReference({ XDG_CACHE_HOME: cache }, NO_MIRROR), {
            dir: path.join(cache, "istio-mesh/reference"),
            source: "cache",
            seed: undefined,
        });
    });

    it("fetching downloads what is missing, keeps what matches and refuses content that differs from its pin", async () => {
        const served: Record<string, string> = { "/a.yaml": "a: 1\n", "/b/c.json": "{}\n" };
        const server = http.createServer((req, res) => res.end(served[req.url!] ?? ""));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
            const files = Object.entries(served).map(([p, body]) => ({ path: p.slice(1), url: base + p, sha256: sha256(Buffer.from(body)) }));
            const dir = tempDir();
            assert.deepEqual(await fetchReference(files, dir), { fetched: 2, kept: 0 });
            assert.equal(fs.readFileSync(path.join(dir, "b/c.json"), "utf8"), "{}\n");
            assert.deepEqual(await fetchReference(files, dir), { fetched: 0, kept: 2 });

            served["/a.yaml"] = "a: 2\n";
            const fresh = tempDir();
            await assert.rejects(fetchReference(files, fresh), /a\.yaml: sha256 [0-9a-f]{64}, but the manifest pins [0-9a-f]{64} for a\.yaml/);
            assert.deepEqual(fs.readdirSync(fresh), []);
        } finally {
            server.close();
        }
    });

    it("mocha stops before loading any spec, with one line, when the data cannot be found", function () {
        this.timeout(300_000); // a child mocha: seconds alone, minutes on a loaded machine
        const result = spawnMocha(["test/pulumi-project.spec.ts"], { [REFERENCE_ENV]: tempDir() });
        assert.equal(result.status, 1);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^reference data: ISTIO_MESH_REFERENCE=\S+ lacks \d+ of \d+ pinned reference files[^\n]*\n$/);
    });

    it("a fresh clone's suite runs on the fetched files alone, skipping the seed comparisons", async function () {
        this.timeout(300_000); // a child mocha: seconds alone, minutes on a loaded machine
        const cache = await fetchedCopy();
        const result = spawnMocha(["test/security-golden.spec.ts"], { [REFERENCE_ENV]: path.join(cache, "istio-mesh/reference") });
        assert.equal(result.status, 0, result.stderr + result.stdout);
        assert.match(result.stderr, /the seed article .* is only in the offline mirror; the tests that compare with it are skipped/);
        assert.match(result.stdout, /0 passing[\s\S]*\d+ pending/);
    });
});
