import * as fs from "fs";
import { parse } from "yaml";
import { seedFile } from "./seed";

type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: unknown };

/**
 * The Kubernetes objects in the seed article's YAML snippets. The article is
 * plain text: a snippet starts at an `apiVersion:` line and runs while lines
 * look like YAML (indented, `key:`, `---` or blank).
 */
export function seedObjects(): KubeObject[] {
    const lines = fs.readFileSync(seedFile(), "utf8").split("\n");
    const objects: KubeObject[] = [];
    for (let i = 0; i < lines.length; i++) {
        if (!lines[i].startsWith("apiVersion:")) continue;
        const snippet: string[] = [];
        for (; i < lines.length && /^(\s|[A-Za-z]+:|---|$)/.test(lines[i]); i++) snippet.push(lines[i]);
        for (const doc of snippet.join("\n").split(/^---$/m)) objects.push(parse(doc) as KubeObject);
    }
    return objects;
}

/** The seed's object of this kind and name, with its apiVersion moved to v1 as the project emits it. */
export function seedObject(kind: string, name: string): KubeObject {
    const found = seedObjects().filter((o) => o.kind === kind && o.metadata.name === name);
    if (found.length !== 1) throw new Error(`expected one ${kind} ${name} in the seed, found ${found.length}`);
    return { ...found[0], apiVersion: found[0].apiVersion.replace(/\/v1(alpha|beta)[0-9]+$/, "/v1") };
}
