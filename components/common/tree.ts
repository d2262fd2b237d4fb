/** A plain object read from config or YAML: string keys, values not yet known. */
export type Tree = { [key: string]: unknown };

export function isTree(value: unknown): value is Tree {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
