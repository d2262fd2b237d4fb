// OpenAPI structural validation with ajv. Kubernetes' openAPIV3Schema
// dialect is translated to JSON Schema ajv accepts, with the API server's
// strict field validation (undeclared fields are errors), and ajv's errors
// are translated back into API-server-like field errors.
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from "ajv";
import type { K8sSchema } from "./crd-schema";
import { isTree } from "../../components/common/tree";
import { formatPath, mapValueSchema, type PathSegment } from "./field-path";

export interface SchemaProblem {
    path: string;
    message: string;
    /**
     * Errors the API server treats as blocking for CEL (type, required, enum,
     * maxLength, maxItems, maxProperties): rules are not run after them.
     */
    blocking: boolean;
}

// Every keyword of the Kubernetes dialect is listed so an unexpected one
// (a future CRD feature) fails loudly instead of being silently ignored.
const KNOWN_KEYWORDS = new Set<string>([
    "type", "format", "title", "description", "nullable", "default", "example", "enum",
    "properties", "additionalProperties", "items", "required", "oneOf", "anyOf", "allOf", "not",
    "maxLength", "minLength", "pattern", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum",
    "multipleOf", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties",
    "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
    "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations",
]);

// String formats the API server checks (others, like int32 or double, it ignores).
const FORMATS = {
    byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    "date-time": (s: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
};

type JsonSchema = AnySchemaObject;

function isIntOrStringAnyOf(branches: K8sSchema[] | undefined): boolean {
    const types = (branches ?? []).map((b) => b.type).sort();
    return types.length === 2 && types[0] === "integer" && types[1] === "string";
}

/**
 * Translates one openAPIV3Schema node. Inside oneOf/anyOf/allOf/not the
 * schema only constrains values (structural schemas keep all fields in the
 * outer part), so no additionalProperties: false is added there.
 */
export function toJsonSchema(s: K8sSchema, inCombinator = false): JsonSchema {
    for (const key of Object.keys(s)) {
        if (!KNOWN_KEYWORDS.has(key)) throw new Error(`unsupported openAPIV3Schema keyword "${key}"`);
    }
    const out: JsonSchema = {};
    const withNull = (types: string[]): string | string[] => (s.nullable ? [...types, "null"] : types.length === 1 ? types[0] : types);
    if (s["x-kubernetes-int-or-string"]) out.type = withNull(["integer", "string"]);
    else if (s.type !== undefined) out.type = withNull([s.type]);
    if (s.enum !== undefined) out.enum = s.nullable && !s.enum.includes(null) ? [...s.enum, null] : s.enum;
    if (s.format !== undefined && s.format in FORMATS && s.type === "string") out.format = s.format;
    for (const key of ["maxLength", "minLength", "pattern", "multipleOf", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required"] as const) {
        if (s[key] !== undefined) out[key] = s[key];
    }
    // OpenAPI 3.0 exclusive bounds are flags on maximum/minimum.
    if (s.maximum !== undefined) out[s.exclusiveMaximum ? "exclusiveMaximum" : "maximum"] = s.maximum;
    if (s.minimum !== undefined) out[s.exclusiveMinimum ? "exclusiveMinimum" : "minimum"] = s.minimum;
    if (s.properties !== undefined) {
        out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v, inCombinator)]));
    }
    if (s.items !== undefined) out.items = toJsonSchema(s.items, inCombinator);
    if (typeof s.additionalProperties === "object") out.additionalProperties = toJsonSchema(s.additionalProperties, inCombinator);
    else if (s.additionalProperties !== undefined) out.additionalProperties = s.additionalProperties;
    else if (!inCombinator && !s["x-kubernetes-preserve-unknown-fields"] && (s.type === "object" || s.properties !== undefined)) {
        out.additionalProperties = false;
    }
    // int-or-string's anyOf [integer, string] is already the union type above.
    if (s.anyOf !== undefined && !(s["x-kubernetes-int-or-string"] && isIntOrStringAnyOf(s.anyOf))) out.anyOf = s.anyOf.map((b) => toJsonSchema(b, true));
    if (s.oneOf !== undefined) out.oneOf = s.oneOf.map((b) => toJsonSchema(b, true));
    if (s.allOf !== undefined) out.allOf = s.allOf.map((b) => toJsonSchema(b, true));
    if (s.not !== undefined) out.not = toJsonSchema(s.not, true);
    return out;
}

let sharedAjv: Ajv | undefined;
function ajv(): Ajv {
    sharedAjv ??= new Ajv({
        allErrors: true,
        verbose: true, // errors carry data and parentSchema, for messages
        strictSchema: true, // the translation must only emit keywords ajv knows
        strictTypes: false,
        strictTuples: false,
        strictRequired: false,
        formats: FORMATS,
    });
    return sharedAjv;
}

const compiled = new WeakMap<K8sSchema, ValidateFunction>();

/** Compiles (once per schema object) the ajv validator for a root schema. */
export function compileStructuralSchema(root: K8sSchema): ValidateFunction {
    let validate = compiled.get(root);
    if (validate === undefined) {
        validate = ajv().compile(toJsonSchema(root));
        compiled.set(root, validate);
    }
    return validate;
}

/** JSON pointer from ajv -> API server path, telling list indices and map keys from fields. */
function pointerToPath(pointer: string, obj: unknown, root: K8sSchema): PathSegment[] {
    const path: PathSegment[] = [];
    let data = obj;
    let schema: K8sSchema | undefined = root;
    for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
        const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(data)) {
            path.push({ index: Number(token) });
            data = data[Number(token)];
            schema = schema?.items;
            continue;
        }
        const prop: K8sSchema | undefined = schema?.properties?.[token];
        const values = schema && mapValueSchema(schema);
        if (prop === undefined && values !== undefined) {
            path.push({ key: token });
            schema = values;
        } else {
            path.push({ field: token });
            schema = prop;
        }
        data = isTree(data) ? data[token] : undefined;
    }
    return path;
}

const show = (v: unknown): string => {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const jsonType = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);

// Istio encodes proto oneofs as oneOf [not anyOf [required a, required b], required a, required b].
function oneOfMessage(e: ErrorObject): string {
    const branches: unknown = e.parentSchema?.oneOf;
    const requiredOf = (i: number): string[] => {
        const b: unknown = Array.isArray(branches) ? branches[i] : undefined;
        return isTree(b) && Array.isArray(b.required) ? b.required.map(String) : [];
    };
    const passing: unknown = e.params.passingSchemas;
    if (!Array.isArray(passing)) return "must validate one and only one schema (oneOf); none matched";
    const set = passing.flatMap((i: number) => requiredOf(i));
    const all = Array.isArray(branches) ? branches.flatMap((_b, i) => requiredOf(i)) : [];
    const detail = set.length > 0 ? `: only one of ${all.join(", ")} may be set, found ${set.join(", ")}` : "";
    return `must validate one and only one schema (oneOf), found ${passing.length} valid alternatives${detail}`;
}

function describe(e: ErrorObject, fullPath: string): { message: string; blocking: boolean; extra?: PathSegment } {
    const p = e.params;
    switch (e.keyword) {
        case "required":
            return { message: "Required value", blocking: true, extra: { field: String(p.missingProperty) } };
        case "additionalProperties":
            return { message: "", blocking: false, extra: { field: String(p.additionalProperty) } };
        case "type":
            return { message: `Invalid value: ${show(e.data)}: must be of type ${String(p.type).split(",").join(" or ")}, not ${jsonType(e.data)}`, blocking: true };
        case "enum":
            return { message: `Unsupported value: ${show(e.data)}: supported values: ${(p.allowedValues as unknown[]).map(show).join(", ")}`, blocking: true };
        case "maxLength":
            return { message: `Too long: may not be longer than ${p.limit}`, blocking: true };
        case "maxItems":
            return { message: `Too many: ${(e.data as unknown[]).length}: must have at most ${p.limit} items`, blocking: true };
        case "maxProperties":
            return { message: `Too many: must have at most ${p.limit} properties`, blocking: true };
        case "minLength":
            return { message: `Invalid value: ${show(e.data)}: should be at least ${p.limit} chars long`, blocking: false };
        case "minItems":
            return { message: `Invalid value: should have at least ${p.limit} items`, blocking: false };
        case "minProperties":
            return { message: `Invalid value: should have at least ${p.limit} properties`, blocking: false };
        case "pattern":
            return { message: `Invalid value: ${show(e.data)}: should match '${p.pattern}'`, blocking: false };
        case "format":
            return { message: `Invalid value: ${show(e.data)}: must be a valid ${p.format}`, blocking: false };
        case "maximum":
        case "minimum":
        case "exclusiveMaximum":
        case "exclusiveMinimum":
            return { message: `Invalid value: ${show(e.data)}: should be ${p.comparison} ${p.limit}`, blocking: false };
        case "oneOf":
            return { message: `Invalid value: ${oneOfMessage(e)}`, blocking: false };
        case "uniqueItems":
            return { message: `Duplicate value: ${show((e.data as unknown[])[Number(p.i)])}`, blocking: false, extra: { index: Number(p.i) } };
        default:
            return { message: `Invalid value: ${e.message ?? e.keyword} (${fullPath})`, blocking: false };
    }
}

// An error inside a oneOf/anyOf/not branch only explains why the branch did
// not match; the combinator's own error reports the problem.
function isBranchDetail(e: ErrorObject): boolean {
    const segs = e.schemaPath.split("/").slice(0, -1);
    return segs.some((seg, i) => (seg === "oneOf" || seg === "anyOf" || seg === "not") && segs[i - 1] !== "properties");
}

/** Validates `obj` against a compiled root schema; problems carry API server paths. */
export function structuralProblems(validate: ValidateFunction, obj: unknown, root: K8sSchema): SchemaProblem[] {
    if (validate(obj)) return [];
    const problems: SchemaProblem[] = [];
    for (const e of validate.errors ?? []) {
        if (isBranchDetail(e)) continue;
        const base = pointerToPath(e.instancePath, obj, root);
        const { message, blocking, extra } = describe(e, formatPath(base));
        const path = formatPath(extra ? [...base, extra] : base);
        // Strict field validation's wording ("strict decoding error: unknown field ...").
        problems.push({ path, message: e.keyword === "additionalProperties" ? `unknown field "${path}"` : message, blocking });
    }
    return problems;
}
