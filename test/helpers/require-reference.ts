import { locateReference, MANIFEST } from "../../scripts/reference/locate";

// Loaded by mocha before any spec (.mocharc.json): without the reference data
// every spec that reads it would crash while loading, so stop at once with one
// line saying what to run.
const located = locateReference();
if ("error" in located) {
    process.stderr.write(`${located.error}\n`);
    process.exit(1);
}
if (!located.seed) {
    process.stderr.write(`note: the seed article (${MANIFEST.seed.path}) is only in the offline mirror; the tests that compare with it are skipped\n`);
}
