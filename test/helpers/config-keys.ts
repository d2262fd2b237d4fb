import { z } from "zod";
import { proseLines } from "./markdown";

/** A key path as the docs write it, normalised: `<name>`-style placeholders become `<>`, list markers (`[]`, `[i]`) go. */
export function normalizeKey(key: string): string {
    return key.replace(/<[^>]*>/g, "<>").replace(/\[[a-z]?\]/g, "");
}

/** Every key path of a config schema, through objects, records (an entry's key is `<>`) and lists (no segment, as the docs write `rules[]`); unions end a path. */
export function schemaKeys(schema: z.ZodType, prefix: string[] = []): string[] {
    let node = schema;
    while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable || node instanceof z.ZodPipe) {
        node = (node instanceof z.ZodPipe ? node.in : node.unwrap()) as z.ZodType;
    }
    if (node instanceof z.ZodRecord) {
        const entry = [...prefix, "<>"];
        return [entry.join("."), ...schemaKeys(node.valueType as z.ZodType, entry)];
    }
    if (node instanceof z.ZodArray) return schemaKeys(node.element as z.ZodType, prefix);
    if (!(node instanceof z.ZodObject)) return [];
    return Object.entries(node.shape as Record<string, z.ZodType>).flatMap(([k, v]) => {
        const key = [...prefix, k];
        return [key.join("."), ...schemaKeys(v, key)];
    });
}

/**
 * The keys the reference tables document, each with where: a reference table's header starts
 * `| key | type |` (or `| key (below \`prefix\`) | type |`), and each row's first cell names one key,
 * siblings after it as `/ \`other\``, or several keys separated by commas. A row starting `...`
 * continues the key of the row above it that has the same segment.
 */
export function documentedKeys(markdown: string, file: string): Array<{ key: string; where: string }> {
    const found: Array<{ key: string; where: string }> = [];
    let table: { prefix?: string } | undefined;
    let previous: string[] = [];
    for (const line of proseLines(markdown)) {
        const header = /^\| key(?: \(below `([^`]+)`\))? \| type \|/.exec(line);
        if (header) {
            table = { prefix: header[1] };
            previous = [];
            continue;
        }
        if (!line.startsWith("|")) table = undefined;
        const cell = line.split(" | ")[0].slice(2);
        if (!table || !cell.startsWith("`")) continue;
        const keys: string[] = [];
        for (const group of cell.split(/`, `/)) {
            const [first, ...siblings] = [...group.matchAll(/`?([^`/]+?)`?(?: \/ |$)/g)].map((m) => m[1].trim());
            const continued = first.startsWith("...");
            const key = continued ? continueKey(first.slice(3), previous) : table.prefix ? `${table.prefix}.${first}` : first;
            keys.push(key, ...siblings.map((s) => `${key.slice(0, key.lastIndexOf(".") + 1)}${s}`));
        }
        previous = keys;
        for (const key of keys) found.push({ key: normalizeKey(key), where: `${file}: ${line.slice(0, 70)}` });
    }
    return found;
}

function continueKey(rest: string, previous: string[]): string {
    const head = rest.replace(/^\./, "").split(".")[0];
    const base = previous.find((k) => k.split(".").includes(head));
    if (!base) throw new Error(`a row starting ...${rest} follows no row with ${head}`);
    const parts = base.split(".");
    return [...parts.slice(0, parts.indexOf(head)), rest.replace(/^\./, "")].join(".");
}
