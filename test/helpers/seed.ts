import * as fs from "fs";
import { parseAllDocuments } from "yaml";
import { seedArticle } from "../../scripts/reference/locate";

/**
 * The seed article, which only an offline mirror has (no upstream URL is
 * pinned for it): tests that compare with it call this first and are skipped,
 * visibly, without it.
 */
export function skipWithoutSeed(test: Mocha.Context): void {
    if (!seedArticle()) test.skip();
}

export function seedFile(): string {
    const file = seedArticle();
    if (!file) throw new Error("the seed article is not available (only an offline mirror has it); call skipWithoutSeed first");
    return file;
}

export interface SeedObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
    spec: Record<string, unknown>;
}

/**
 * The Kubernetes objects of each YAML snippet in the seed article, keyed by
 * the heading above the snippet (`Canary Deployments`, `Circuit Breaker`...).
 * A snippet starts at an `apiVersion:` line and runs to the next blank line.
 */
export function seedSnippets(): Map<string, SeedObject[]> {
    const lines = fs.readFileSync(seedFile(), "utf8").split("\n");
    const snippets = new Map<string, SeedObject[]>();
    let heading = "";
    for (let i = 0; i < lines.length; i++) {
        const headingMatch = /^(\S.*) #$/.exec(lines[i]);
        if (headingMatch) heading = headingMatch[1];
        if (!lines[i].startsWith("apiVersion:")) continue;
        const start = i;
        while (i < lines.length && lines[i].trim() !== "") i++;
        const docs = parseAllDocuments(lines.slice(start, i).join("\n")).map((d) => {
            if (d.errors.length > 0) throw new Error(`seed snippet under ${heading}: ${d.errors[0].message}`);
            return d.toJS() as SeedObject;
        });
        snippets.set(heading, docs);
    }
    return snippets;
}

/** The one object of `kind` in the snippet under `heading`. */
export function seedObject(heading: string, kind: string): SeedObject {
    const found = (seedSnippets().get(heading) ?? []).filter((o) => o.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind} under "${heading}" in the seed, found ${found.length}`);
    return found[0];
}
