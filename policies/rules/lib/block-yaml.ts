/**
 * A reader for the block-style YAML that Helm's `toYaml` writes into
 * ConfigMaps (Istio's `mesh`, Kiali's `config.yaml`): mappings, sequences,
 * plain and quoted scalars, `{}`/`[]` and `|` block text. The pack has no YAML
 * dependency of its own; this covers what rendered charts contain.
 */
interface Line {
    indent: number;
    text: string;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s:][^:]*?):(?:\s+(.*))?$/;

function unquote(s: string): string {
    if (/^".*"$/.test(s)) return JSON.parse(s);
    return /^'.*'$/.test(s) ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function scalar(raw: string): unknown {
    const trimmed = raw.trim();
    // A quoted scalar is taken whole; a plain one ends at a comment.
    const s = /^(".*"|'.*')$/.test(trimmed) ? trimmed : trimmed.replace(/\s+#.*$/, "");
    if (s === "{}") return {};
    if (s === "[]") return [];
    if (s === "null" || s === "~" || s === "") return null;
    if (s === "true" || s === "false") return s === "true";
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(s)) return Number(s);
    return unquote(s);
}

const isItem = (l: Line): boolean => l.text === "-" || l.text.startsWith("- ");

export function parseBlockYaml(text: string): unknown {
    const lines: Line[] = text
        .split("\n")
        .filter((l) => l.trim() !== "" && !l.trim().startsWith("#") && l.trim() !== "---")
        .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
    let i = 0;

    function block(indent: number): unknown {
        return i < lines.length && isItem(lines[i]) ? sequence(indent) : mapping(indent);
    }

    // The value after `key:` on its own line: nested deeper, or a sequence at the key's indent.
    function child(indent: number): unknown {
        const next = lines[i];
        if (!next) return null;
        if (next.indent > indent) return block(next.indent);
        if (next.indent === indent && isItem(next)) return sequence(indent);
        return null;
    }

    function mapping(indent: number): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        while (i < lines.length && lines[i].indent === indent && !isItem(lines[i])) {
            const m = KEY.exec(lines[i].text);
            if (!m) throw new Error(`unreadable YAML line: ${lines[i].text}`);
            i++;
            const rest = m[2]?.trim() ?? "";
            if (rest === "") {
                out[unquote(m[1])] = child(indent);
            } else if (/^[|>][-+]?$/.test(rest)) {
                const body: string[] = [];
                while (i < lines.length && lines[i].indent > indent) body.push(lines[i++].text);
                out[unquote(m[1])] = body.join("\n");
            } else {
                out[unquote(m[1])] = scalar(rest);
            }
        }
        return out;
    }

    function sequence(indent: number): unknown[] {
        const out: unknown[] = [];
        while (i < lines.length && lines[i].indent === indent && isItem(lines[i])) {
            const rest = lines[i].text.slice(1).trim();
            if (rest === "") {
                i++;
                out.push(child(indent));
            } else if (KEY.test(rest) && !/^["']/.test(rest)) {
                // `- key: value` opens a mapping whose keys sit two columns in.
                lines[i] = { indent: indent + 2, text: rest };
                out.push(mapping(indent + 2));
            } else {
                i++;
                out.push(scalar(rest));
            }
        }
        return out;
    }

    const result = block(lines[0]?.indent ?? 0);
    if (i < lines.length) throw new Error(`unreadable YAML from line: ${lines[i].text}`);
    return result;
}
