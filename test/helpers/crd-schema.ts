// Kubernetes CustomResourceDefinition shapes and loading: the parts of
// apiextensions.k8s.io/v1 the validator reads, with runtime checks so a
// malformed CRD file fails loudly instead of validating nothing.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { isTree } from "../../components/common/tree";
import { referenceRoot } from "../../scripts/reference/locate";

/** A `x-kubernetes-validations` entry. */
export interface ValidationRule {
    rule: string;
    message?: string;
    messageExpression?: string;
    reason?: string;
    fieldPath?: string;
    optionalOldSelf?: boolean;
}

export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

/** OpenAPI v3 schema as Kubernetes structural schemas use it (JSONSchemaProps). */
export interface K8sSchema {
    type?: SchemaType;
    format?: string;
    title?: string;
    description?: string;
    nullable?: boolean;
    default?: unknown;
    example?: unknown;
    enum?: unknown[];
    properties?: Record<string, K8sSchema>;
    additionalProperties?: K8sSchema | boolean;
    items?: K8sSchema;
    required?: string[];
    oneOf?: K8sSchema[];
    anyOf?: K8sSchema[];
    allOf?: K8sSchema[];
    not?: K8sSchema;
    maxLength?: number;
    minLength?: number;
    pattern?: string;
    maximum?: number;
    minimum?: number;
    exclusiveMaximum?: boolean;
    exclusiveMinimum?: boolean;
    multipleOf?: number;
    maxItems?: number;
    minItems?: number;
    uniqueItems?: boolean;
    maxProperties?: number;
    minProperties?: number;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
    "x-kubernetes-int-or-string"?: boolean;
    "x-kubernetes-embedded-resource"?: boolean;
    "x-kubernetes-list-type"?: "atomic" | "set" | "map";
    "x-kubernetes-list-map-keys"?: string[];
    "x-kubernetes-map-type"?: "atomic" | "granular";
    "x-kubernetes-validations"?: ValidationRule[];
}

export interface CrdVersion {
    name: string;
    served: boolean;
    storage: boolean;
    schema: K8sSchema;
}

export interface Crd {
    /** metadata.name, e.g. "virtualservices.networking.istio.io". */
    name: string;
    group: string;
    kind: string;
    versions: CrdVersion[];
}

export const ISTIO_CRD_FILE = "crd-all.gen.yaml";

export function istioCrdPath(): string {
    return path.join(referenceRoot(), "istio-1.30.3/crds", ISTIO_CRD_FILE);
}

function str(v: unknown, what: string): string {
    if (typeof v !== "string" || v === "") throw new Error(`CRD field ${what} must be a non-empty string`);
    return v;
}

/**
 * Reads the CustomResourceDefinitions from a multi-document YAML text. The
 * schemas are trusted to be structural (the API server enforced that when
 * the CRD was installed); only the envelope is checked here.
 */
export function parseCrds(yamlText: string): Crd[] {
    const crds: Crd[] = [];
    for (const doc of parseAllDocuments(yamlText)) {
        if (doc.errors.length > 0) throw new Error(`invalid CRD YAML: ${doc.errors[0].message}`);
        const obj: unknown = doc.toJS();
        if (!isTree(obj) || obj.kind !== "CustomResourceDefinition") continue;
        const metadata = isTree(obj.metadata) ? obj.metadata : {};
        const name = str(metadata.name, "metadata.name");
        const spec = isTree(obj.spec) ? obj.spec : {};
        const names = isTree(spec.names) ? spec.names : {};
        if (!Array.isArray(spec.versions)) throw new Error(`CRD ${name}: spec.versions must be a list`);
        const versions = spec.versions.map((v: unknown): CrdVersion => {
            if (!isTree(v)) throw new Error(`CRD ${name}: malformed version entry`);
            const vname = str(v.name, `${name} version name`);
            const schema = isTree(v.schema) ? v.schema.openAPIV3Schema : undefined;
            if (!isTree(schema)) throw new Error(`CRD ${name} ${vname}: missing schema.openAPIV3Schema`);
            // The API server only stores structural schemas; the shape is trusted from here.
            return { name: vname, served: v.served === true, storage: v.storage === true, schema: schema as K8sSchema };
        });
        crds.push({ name, group: str(spec.group, `${name} spec.group`), kind: str(names.kind, `${name} spec.names.kind`), versions });
    }
    return crds;
}

export function loadCrdFile(file: string): Crd[] {
    return parseCrds(fs.readFileSync(file, "utf8"));
}
