// What the API server does with a custom resource around OpenAPI validation:
// the implicit apiVersion/kind/metadata fields, pruning of nulls the schema
// does not allow, and x-kubernetes-list-type uniqueness.
import type { K8sSchema } from "./crd-schema";
import { isTree } from "../../components/common/tree";
import { formatPath, mapValueSchema, walkSchemaNodes } from "./field-path";

// CRD schemas do not describe ObjectMeta; the API server validates it itself.
// Only its common fields are checked here, loosely.
const OBJECT_META: K8sSchema = {
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
    required: ["name"],
    properties: {
        name: { type: "string" },
        generateName: { type: "string" },
        namespace: { type: "string" },
        labels: { type: "object", additionalProperties: { type: "string" } },
        annotations: { type: "object", additionalProperties: { type: "string" } },
    },
};

const withMeta = new WeakMap<K8sSchema, K8sSchema>();

/** The root schema plus the apiVersion, kind and metadata every object has. */
export function withObjectMeta(root: K8sSchema): K8sSchema {
    let out = withMeta.get(root);
    if (out === undefined) {
        out = {
            ...root,
            type: "object",
            required: [...new Set([...(root.required ?? []), "apiVersion", "kind", "metadata"])],
            properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: OBJECT_META, ...root.properties },
        };
        withMeta.set(root, out);
    }
    return out;
}

/**
 * A copy of `value` as the API server sees it before validating: JSON
 * (undefined fields dropped) with nulls removed from fields that are not
 * nullable (defaulting.PruneNonNullableNullsWithoutDefaults).
 */
export function pruneNonNullableNulls(value: unknown, schema: K8sSchema | undefined): unknown {
    if (Array.isArray(value)) return value.map((v) => pruneNonNullableNulls(v === undefined ? null : v, schema?.items));
    if (!isTree(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const field = schema?.properties?.[k] ?? (schema && mapValueSchema(schema));
        if (v === null && field !== undefined && !field.nullable && field.default === undefined) continue;
        out[k] = pruneNonNullableNulls(v, field);
    }
    return out;
}

function stableJson(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
    if (isTree(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
    return JSON.stringify(v) ?? "null";
}

/** Duplicates in x-kubernetes-list-type set and map lists (structurallisttype). */
export function listTypeProblems(obj: unknown, root: K8sSchema): { path: string; message: string }[] {
    const problems: { path: string; message: string }[] = [];
    for (const node of walkSchemaNodes(obj, root)) {
        const listType = node.schema["x-kubernetes-list-type"];
        if (!Array.isArray(node.value) || (listType !== "set" && listType !== "map")) continue;
        const keys = node.schema["x-kubernetes-list-map-keys"] ?? [];
        const seen = new Set<string>();
        node.value.forEach((item: unknown, i) => {
            const identity = listType === "set" ? item : Object.fromEntries(keys.map((k) => [k, isTree(item) ? item[k] : undefined]));
            const id = stableJson(identity);
            if (seen.has(id)) problems.push({ path: formatPath([...node.path, { index: i }]), message: `Duplicate value: ${id}` });
            seen.add(id);
        });
    }
    return problems;
}
