// Field paths in the API server's notation (spec.http[0].route, metadata.labels[app])
// and a walk over an object alongside its structural schema.
import { isTree } from "../../components/common/tree";
import type { K8sSchema } from "./crd-schema";

export type PathSegment = { field: string } | { index: number } | { key: string };

export function formatPath(path: readonly PathSegment[]): string {
    let out = "";
    for (const seg of path) {
        if ("field" in seg) out += out === "" ? seg.field : `.${seg.field}`;
        else if ("index" in seg) out += `[${seg.index}]`;
        else out += `[${seg.key}]`;
    }
    return out;
}


/** Schema of a map's values, when the node is a map (additionalProperties with a schema). */
export function mapValueSchema(schema: K8sSchema): K8sSchema | undefined {
    return typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
}

export interface SchemaNode {
    value: unknown;
    schema: K8sSchema;
    path: readonly PathSegment[];
}

/**
 * Every present (non-null) value of `value` that the structural schema
 * describes, parents first. Fields the schema does not declare are skipped:
 * the API server prunes them before evaluating rules.
 */
export function* walkSchemaNodes(value: unknown, schema: K8sSchema, path: readonly PathSegment[] = []): Generator<SchemaNode> {
    if (value === undefined || value === null) return;
    yield { value, schema, path };
    if (Array.isArray(value)) {
        if (schema.items === undefined) return;
        for (let i = 0; i < value.length; i++) yield* walkSchemaNodes(value[i], schema.items, [...path, { index: i }]);
    } else if (isTree(value)) {
        const values = mapValueSchema(schema);
        for (const [k, v] of Object.entries(value)) {
            const prop = schema.properties?.[k];
            if (prop !== undefined) yield* walkSchemaNodes(v, prop, [...path, { field: k }]);
            else if (values !== undefined) yield* walkSchemaNodes(v, values, [...path, { key: k }]);
        }
    }
}
