import * as fs from "fs";
import * as path from "path";

/** Folders that hold no documentation of ours: dependencies, build output, state. */
const SKIPPED = new Set(["node_modules", ".git", "bin", "out", ".pulumi", "sdks"]);

/** Every Markdown file of the project, relative to `root`. */
export function markdownFiles(root: string, dir = ""): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) return SKIPPED.has(e.name) ? [] : markdownFiles(root, rel);
        return e.name.endsWith(".md") ? [rel] : [];
    });
}

/** The text outside fenced code blocks, line by line (inline code kept). */
export function proseLines(markdown: string): string[] {
    let fenced = false;
    return markdown.split("\n").filter((line) => {
        if (/^\s*```/.test(line)) {
            fenced = !fenced;
            return false;
        }
        return !fenced;
    });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
}

/** The anchors a Markdown file defines: its headings (repeats get -1, -2 as on GitHub) and `<a id>`/`<a name>` tags. */
export function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const line of proseLines(markdown)) {
        const heading = /^#{1,6} (.*)$/.exec(line);
        if (heading) {
            const base = slug(heading[1]);
            const n = seen.get(base) ?? 0;
            seen.set(base, n + 1);
            result.add(n === 0 ? base : `${base}-${n}`);
        }
        for (const m of line.matchAll(/<a (?:id|name)="([^"]+)"/g)) result.add(m[1]);
    }
    return result;
}

/** Targets of the inline links `[text](target)` outside code. */
export function linkTargets(markdown: string): string[] {
    return proseLines(markdown).flatMap((line) =>
        [...line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => m[1]));
}
