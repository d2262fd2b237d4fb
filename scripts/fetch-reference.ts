import * as fs from "fs";
import * as path from "path";
import { optionsOrExit, runCommand } from "./cli";
import { cacheDir, holds, MANIFEST, PinnedFile, REFERENCE_ENV, sha256 } from "./reference/locate";

/**
 * Fills the reference cache the tests read when no offline mirror is there:
 * every file of scripts/reference/manifest.json, from its upstream URL,
 * checked against its sha256 before it is written.
 */
const CLI = {
    usage: "npm run fetch-reference -- [--to <dir>]",
    description:
        "Downloads the pinned reference files (Istio's CRDs, chart values, annotation catalogue...) and checks each sha256.\n" +
        `The tests read them from ${REFERENCE_ENV}, ../shared/reference or this cache, in that order.`,
    options: { to: { value: "dir", help: `where to write them (default ${cacheDir()})` } },
};

export type Download = (url: string) => Promise<Buffer>;

async function download(url: string): Promise<Buffer> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
}

/** Writes each missing or changed file into `dir`; a file whose content does not match its pin is not written. */
export async function fetchReference(files: readonly PinnedFile[], dir: string, get: Download = download): Promise<{ fetched: number; kept: number }> {
    let fetched = 0;
    for (const file of files) {
        if (holds(dir, file)) continue;
        const body = await get(file.url);
        const digest = sha256(body);
        if (digest !== file.sha256) throw new Error(`${file.url}: sha256 ${digest}, but the manifest pins ${file.sha256} for ${file.path}`);
        const target = path.join(dir, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(`${target}.part`, body);
        fs.renameSync(`${target}.part`, target);
        fetched++;
    }
    return { fetched, kept: files.length - fetched };
}

export async function fetchReferenceCommand(argv: string[], print: (t: string) => void, printError: (t: string) => void = print): Promise<number> {
    const options = optionsOrExit(CLI, argv, print, printError);
    if (typeof options === "number") return options;
    const dir = path.resolve((options.to as string | undefined) ?? cacheDir());
    try {
        const { fetched, kept } = await fetchReference(MANIFEST.files, dir);
        print(`${dir}: ${fetched} fetched, ${kept} already there (${MANIFEST.files.length} pinned files)`);
        return 0;
    } catch (e) {
        printError(`error: ${(e as Error).message}`);
        return 1;
    }
}

if (require.main === module) runCommand(fetchReferenceCommand, 3);
