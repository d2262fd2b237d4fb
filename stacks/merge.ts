import { isTree } from "../components/common/tree";
import type { ConfigTree } from "./presets";

/**
 * Deep-merges config layers, later layers winning. Objects merge key by key;
 * arrays and scalars replace, so a stack can always override a preset's list
 * outright. Inputs are not mutated.
 */
export function mergeLayers(...layers: ConfigTree[]): ConfigTree {
    const out: ConfigTree = {};
    for (const layer of layers) {
        for (const [key, value] of Object.entries(layer)) {
            const current = out[key];
            out[key] = isTree(current) && isTree(value) ? mergeLayers(current, value) : value;
        }
    }
    return out;
}
