// How the API server presents schema-typed JSON to CEL: the static type of a
// schema node (for the rule checker) and the runtime value (for evaluation).
// Both live here because they must agree.
import type { CelInput } from "@bufbuild/cel";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { durationMessage, parseGoDuration } from "./cel-k8s-functions";
import type { K8sSchema } from "./crd-schema";
import { isTree } from "../../components/common/tree";
import { mapValueSchema } from "./field-path";

export type ScalarName = "int" | "uint" | "double" | "bool" | "string" | "bytes" | "null_type" | "type";

/** Static CEL types as the rule checker tracks them. */
export type CelT =
    | { kind: "dyn"; free?: boolean } // free: element type of an empty literal, unifies with anything
    | { kind: "scalar"; name: ScalarName }
    | { kind: "list"; elem: CelT }
    | { kind: "map"; key: CelT; value: CelT }
    | { kind: "message"; name: string } // google.protobuf.Duration, net.IP, ...
    | { kind: "object"; schema: K8sSchema }; // a schema object with declared fields

export const DYN: CelT = { kind: "dyn" };
export const scalar = (name: ScalarName): CelT => ({ kind: "scalar", name });
export const TIMESTAMP_NAME = "google.protobuf.Timestamp";
export const DURATION_NAME = "google.protobuf.Duration";

// Kubernetes escapes property names that are not CEL identifiers
// (k8s.io/apiserver/pkg/cel/escaping.go); unescapable ones are not accessible.
const CEL_RESERVED = new Set([
    "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
    "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

export function escapeFieldName(name: string): string | undefined {
    if (name === "" || /^[0-9]/.test(name)) return undefined;
    if (CEL_RESERVED.has(name)) return `__${name}__`;
    if (/[^a-zA-Z0-9_./-]/.test(name)) return undefined;
    return name.replace(/__|[./-]/g, (m) => ({ __: "__underscores__", ".": "__dot__", "-": "__dash__", "/": "__slash__" })[m] ?? m);
}

/** Declared properties keyed by their CEL (escaped) name. */
export function celFields(schema: K8sSchema): Map<string, { name: string; schema: K8sSchema }> {
    const fields = new Map<string, { name: string; schema: K8sSchema }>();
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        const escaped = escapeFieldName(name);
        if (escaped !== undefined) fields.set(escaped, { name, schema: prop });
    }
    return fields;
}

function stringFormatType(format: string | undefined): CelT {
    switch (format) {
        case "byte":
            return scalar("bytes");
        case "date":
        case "date-time":
            return { kind: "message", name: TIMESTAMP_NAME };
        case "duration":
            return { kind: "message", name: DURATION_NAME };
        default:
            return scalar("string");
    }
}

/** The CEL type of a schema node (k8s.io/apiserver/pkg/cel/common SchemaDeclType). */
export function schemaCelType(schema: K8sSchema | undefined): CelT {
    if (schema === undefined || schema["x-kubernetes-int-or-string"]) return DYN;
    switch (schema.type) {
        case "integer":
            return scalar("int");
        case "number":
            return scalar("double");
        case "boolean":
            return scalar("bool");
        case "string":
            return stringFormatType(schema.format);
        case "array":
            return { kind: "list", elem: schemaCelType(schema.items) };
        case "object": {
            const values = mapValueSchema(schema);
            if (schema.properties === undefined && values !== undefined) return { kind: "map", key: scalar("string"), value: schemaCelType(values) };
            if (schema.properties === undefined && schema["x-kubernetes-preserve-unknown-fields"]) return DYN;
            return { kind: "object", schema };
        }
        default:
            return DYN;
    }
}

/** Untyped JSON (int-or-string, preserved unknown fields) the way Go's JSON decoding types it. */
function jsonToCel(value: unknown): CelInput {
    if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
    if (Array.isArray(value)) return value.map(jsonToCel);
    if (isTree(value)) return new Map(Object.entries(value).map(([k, v]) => [k, jsonToCel(v)]));
    if (typeof value === "string" || typeof value === "boolean") return value;
    return null;
}

function stringToCel(value: string, format: string | undefined): CelInput {
    const type = stringFormatType(format);
    if (type.kind === "scalar" && type.name === "bytes") return new Uint8Array(Buffer.from(value, "base64"));
    if (type.kind === "message" && type.name === TIMESTAMP_NAME) {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) return timestampFromDate(date);
    }
    if (type.kind === "message" && type.name === DURATION_NAME) {
        try {
            return durationMessage(parseGoDuration(value));
        } catch {
            // the format check already reported it; leave the string as is
        }
    }
    return value;
}

/**
 * The CEL value of `value` typed by `schema`: integers become int (bigint),
 * numbers double, objects maps of their declared (escaped) fields only.
 * Values that do not match their schema (only possible after a blocking
 * schema error, when rules are not run) fall back to untyped JSON.
 */
export function toCelValue(value: unknown, schema: K8sSchema | undefined): CelInput {
    if (value === null || value === undefined) return null;
    if (schema === undefined || schema["x-kubernetes-int-or-string"]) return jsonToCel(value);
    switch (schema.type) {
        case "integer":
            return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : jsonToCel(value);
        case "number":
            return typeof value === "number" ? value : jsonToCel(value);
        case "string":
            return typeof value === "string" ? stringToCel(value, schema.format) : jsonToCel(value);
        case "array":
            return Array.isArray(value) ? value.map((v) => toCelValue(v, schema.items)) : jsonToCel(value);
        case "object": {
            if (!isTree(value)) return jsonToCel(value);
            const values = mapValueSchema(schema);
            if (schema.properties === undefined && values !== undefined) {
                return new Map(Object.entries(value).map(([k, v]) => [k, toCelValue(v, values)]));
            }
            if (schema.properties === undefined && schema["x-kubernetes-preserve-unknown-fields"]) return jsonToCel(value);
            const out = new Map<string, CelInput>();
            for (const [celName, field] of celFields(schema)) {
                const v = value[field.name];
                // Nulls still here are nullable fields (the others were pruned): present, valued null.
                if (v !== undefined) out.set(celName, toCelValue(v, field.schema));
            }
            return out;
        }
        default:
            return jsonToCel(value);
    }
}
