import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { isTree } from "../../components/common/tree";
import { PROJECT_ROOT } from "./mock-program";

/** README.md and the pages of docs/, where the user guide's examples are. */
export function guideFiles(): string[] {
    const docs = fs.readdirSync(path.join(PROJECT_ROOT, "docs")).filter((f) => f.endsWith(".md")).sort();
    return ["README.md", ...docs.map((f) => path.join("docs", f))];
}

/**
 * The stack config examples the docs show for Istio's samples and tasks: each a
 * ```yaml block right after a `<!-- example: <id> -->` marker, holding
 * `istio-mesh:*` keys as a stack file's `config:` does.
 */
export function readmeExamples(): Map<string, Record<string, unknown>> {
    const examples = new Map<string, Record<string, unknown>>();
    for (const file of guideFiles()) {
        const text = fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
        for (const [, id, body] of text.matchAll(/<!-- example: ([^ ]+) -->\s*```yaml\n([\s\S]*?)```/g)) {
            if (examples.has(id)) throw new Error(`the docs have two examples named ${id} (the second in ${file})`);
            const config = parse(body);
            if (!isTree(config)) throw new Error(`${file}: example ${id} is not a map of config keys`);
            examples.set(id, config);
        }
    }
    return examples;
}

/** One example of the docs; fails when no page has it any more. */
export function readmeExample(id: string): Record<string, unknown> {
    const example = readmeExamples().get(id);
    if (!example) throw new Error(`no page of README.md or docs/ has an example ${id} (a \`<!-- example: ${id} -->\` marker before a yaml block)`);
    return example;
}

/**
 * A sample's spec as the project writes it: a short service host (`reviews`)
 * as the FQDN of the namespace the sample runs in, the deprecated integer
 * `percent` as `percentage.value` (and `mirrorPercent` as `mirrorPercentage.value`), a port protocol in upper
 * case, an AuthorizationPolicy's `action: ALLOW` (Istio's default) and a weight of 100 on a lone destination
 * left out. Equivalent for Istio, so a golden can compare with deepEqual.
 */
export function normalizeSpec(spec: unknown, namespace = "default"): unknown {
    const walk = (v: unknown, key?: string): unknown => {
        if (Array.isArray(v)) {
            const items = v.map((x) => walk(x, key));
            // A route with a single destination: a weight of 100 only repeats the default.
            if (key === "route" && items.length === 1 && isTree(items[0]) && items[0].weight === 100) {
                const { weight: _, ...rest } = items[0];
                return [rest];
            }
            return key === "hosts" ? items.map((h) => fqdn(h, namespace)) : items;
        }
        if (!isTree(v)) return key === "host" ? fqdn(v, namespace) : v;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            if (k === "percent" && typeof x === "number") out.percentage = { value: x };
            else if (k === "mirrorPercent" && typeof x === "number") out.mirrorPercentage = { value: x };
            else if (k === "action" && x === "ALLOW") continue;
            // Istio reads a port's protocol in any case (the googleapis sample writes "http").
            else if (k === "protocol" && typeof x === "string") out[k] = x.toUpperCase();
            else out[k] = walk(x, k);
        }
        return out;
    };
    return walk(spec);
}

function fqdn(host: unknown, namespace: string): unknown {
    return typeof host === "string" && /^[a-z0-9-]+$/.test(host) ? `${host}.${namespace}.svc.cluster.local` : host;
}
