import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Where the reference data the tests read (Istio's CRDs, chart values, the
 * annotation catalogue...) comes from. Every file is pinned in manifest.json
 * by upstream URL and sha256; it is read from, in order:
 *   1. ISTIO_MESH_REFERENCE, an offline mirror laid out like the manifest's paths;
 *   2. ../shared/reference next to the project, when present;
 *   3. the cache `npm run fetch-reference` fills (needs internet).
 */
export interface PinnedFile {
    path: string;
    url: string;
    sha256: string;
}

interface Manifest {
    files: PinnedFile[];
    seed: { path: string; sha256: string; source: string };
}

export const MANIFEST_FILE = path.join(__dirname, "manifest.json");
export const MANIFEST: Manifest = JSON.parse(fs.readFileSync(MANIFEST_FILE, "utf8"));
export const REFERENCE_ENV = "ISTIO_MESH_REFERENCE";
const PROJECT_ROOT = path.resolve(__dirname, "../..");
export const DEFAULT_MIRROR = path.resolve(PROJECT_ROOT, "../shared/reference");
const FETCH_HINT = "run `npm run fetch-reference` (needs internet)";

type Env = Record<string, string | undefined>;

/** The fetch script's target: `$XDG_CACHE_HOME/istio-mesh/reference` (~/.cache by default). */
export function cacheDir(env: Env = process.env): string {
    return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "istio-mesh", "reference");
}

export function sha256(data: Buffer): string {
    return crypto.createHash("sha256").update(data).digest("hex");
}

/** Whether `dir` holds this pinned file with the pinned content. */
export function holds(dir: string, file: { path: string; sha256: string }): boolean {
    const full = path.join(dir, file.path);
    return fs.existsSync(full) && sha256(fs.readFileSync(full)) === file.sha256;
}

function missing(dir: string): string[] {
    return MANIFEST.files.filter((f) => !holds(dir, f)).map((f) => f.path);
}

function lacks(dir: string, absent: string[]): string {
    return `${dir} lacks ${absent.length} of ${MANIFEST.files.length} pinned reference files or holds other content (first: ${absent[0]})`;
}

export type Located =
    | { dir: string; source: "env" | "mirror" | "cache"; seed?: string }
    | { error: string };

/** Which reference directory the tests use, or one line saying what to run. */
export function locateReference(env: Env = process.env, mirror = DEFAULT_MIRROR): Located {
    const chosen = env[REFERENCE_ENV];
    let dir: string;
    let source: "env" | "mirror" | "cache";
    if (chosen) {
        dir = path.resolve(chosen);
        source = "env";
        const absent = missing(dir);
        if (absent.length > 0) return { error: `reference data: ${REFERENCE_ENV}=${lacks(dir, absent)}; point it at a complete mirror, or unset it and ${FETCH_HINT}` };
    } else if (fs.existsSync(mirror)) {
        dir = mirror;
        source = "mirror";
        const absent = missing(dir);
        if (absent.length > 0) return { error: `reference data: the offline mirror ${lacks(dir, absent)}; set ${REFERENCE_ENV} to another mirror, or ${FETCH_HINT}` };
    } else {
        dir = cacheDir(env);
        source = "cache";
        if (missing(dir).length > 0) {
            return { error: `reference data not found: ${FETCH_HINT} to fill ${dir}, or set ${REFERENCE_ENV} to an offline mirror such as ../shared/reference` };
        }
    }
    // The seed article has no pinned upstream URL: only a mirror next to the reference folder has it.
    const seedDir = path.dirname(dir);
    const seed = holds(seedDir, MANIFEST.seed) ? path.join(seedDir, MANIFEST.seed.path) : undefined;
    return { dir, source, seed };
}

let located: Located | undefined;

function current(): Exclude<Located, { error: string }> {
    located ??= locateReference();
    if ("error" in located) throw new Error(located.error);
    return located;
}

/** The reference root (laid out like the manifest's paths). */
export function referenceRoot(): string {
    return current().dir;
}

/** The seed article, when a mirror has it. */
export function seedArticle(): string | undefined {
    return current().seed;
}
