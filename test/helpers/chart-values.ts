import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { isTree, Tree } from "../../components/common/tree";
import { referenceRoot } from "../../scripts/reference/locate";

/** The pinned reference data (scripts/reference/manifest.json): an offline mirror or the fetched cache. */
export const REFERENCE = referenceRoot();
export const ISTIO_REFERENCE = path.join(REFERENCE, "istio-1.30.3");
/**
 * The offline chart mirror (unpacked charts): $ISTIO_MESH_CHARTS, else ../shared/charts. Not yet
 * pinned in scripts/reference/manifest.json: a clone without it fails the specs that read it.
 */
export const CHART_MIRROR = path.resolve(process.env.ISTIO_MESH_CHARTS ?? path.join(__dirname, "../../../shared/charts"));


export function readYaml(file: string): unknown {
    return parse(fs.readFileSync(file, "utf8"));
}

/** The keys a chart accepts: its values.yaml, unwrapped from Istio's `_internal_defaults_do_not_set`. */
export function chartDefaults(file: string): Tree {
    const values = readYaml(file);
    if (!isTree(values)) throw new Error(`${file} is not a values map`);
    const internal = values._internal_defaults_do_not_set;
    return isTree(internal) ? { ...values, ...internal } : values;
}

export interface KeyCheckOptions {
    /**
     * Key names whose contents the chart passes through untyped (Kubernetes
     * objects such as `resources`, or Istio's free-form `meshConfig`): anything
     * below them is accepted.
     */
    freeForm?: string[];
}

/**
 * Every dotted key path in `values` that the chart's defaults do not define.
 * A default of `{}` is an open map (annotations, labels, ...), so anything
 * below it is accepted; so is anything below a scalar or list default.
 */
export function unknownKeys(values: Tree, defaults: Tree, options: KeyCheckOptions = {}, prefix = ""): string[] {
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        const keyPath = prefix ? `${prefix}.${key}` : key;
        if (!(key in defaults)) {
            unknown.push(keyPath);
            continue;
        }
        const known = defaults[key];
        if (options.freeForm?.includes(key)) continue;
        if (isTree(value) && isTree(known) && Object.keys(known).length > 0) {
            unknown.push(...unknownKeys(value, known, options, keyPath));
        }
    }
    return unknown;
}
