// Validates Kubernetes objects against CustomResourceDefinitions the way a
// strict API server does on create (field validation Strict): OpenAPI schema
// via ajv, unknown fields rejected, list-type uniqueness, and every
// x-kubernetes-validations CEL rule evaluated with @bufbuild/cel.
// `validateIstioObject` uses Istio 1.30.3's CRDs from the pinned reference data:
//
//     assert.deepEqual(validateIstioObject(virtualService), []);
//     assertValidIstioObject(rendered); // throws, listing "path: message" lines
//
// createCrdValidator([...crds]) does the same for any other CRDs.
import type { ValidateFunction } from "ajv";
import { celRuleViolations } from "./cel-rules";
import { compileStructuralSchema, structuralProblems } from "./crd-json-schema";
import { istioCrdPath, loadCrdFile, type Crd, type CrdVersion, type K8sSchema } from "./crd-schema";
import { listTypeProblems, pruneNonNullableNulls, withObjectMeta } from "./crd-structural";
import { isTree } from "../../components/common/tree";

export interface ValidationProblem {
    /** API server field path, e.g. "spec.http[0].retries.perTryTimeout"; "" for the whole object. */
    path: string;
    message: string;
    /** The CEL rule, for x-kubernetes-validations failures. */
    rule?: string;
}

export interface CrdValidator {
    /** All problems with `obj`; [] when the API server would accept it. */
    validate(obj: unknown): ValidationProblem[];
    /** Throws an Error listing every problem, naming the object. */
    assertValid(obj: unknown): void;
    /** The CRDs this validator knows. */
    crds(): readonly Crd[];
}

export const CEL_SKIPPED_MESSAGE =
    "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

interface CompiledVersion {
    root: K8sSchema;
    validate: ValidateFunction;
}

function describeObject(obj: unknown): string {
    if (!isTree(obj)) return "object";
    const meta = isTree(obj.metadata) ? obj.metadata : {};
    const name = typeof meta.namespace === "string" ? `${meta.namespace}/${String(meta.name)}` : String(meta.name);
    return `${String(obj.kind)} ${name} (${String(obj.apiVersion)})`;
}

export function formatProblems(obj: unknown, problems: readonly ValidationProblem[]): string {
    const lines = problems.map((p) => `  - ${p.path === "" ? "<object>" : p.path}: ${p.message}`);
    return `${describeObject(obj)} is invalid:\n${lines.join("\n")}`;
}

/**
 * A validator for the given CRDs. The CRD list and each version's compiled
 * schema are built on first use and cached, so repeated calls are cheap.
 */
export function createCrdValidator(source: readonly Crd[] | (() => readonly Crd[])): CrdValidator {
    let crds: readonly Crd[] | undefined = typeof source === "function" ? undefined : source;
    const loaded = (): readonly Crd[] => (crds ??= typeof source === "function" ? source() : source);
    const compiledVersions = new WeakMap<CrdVersion, CompiledVersion>();

    function compiledVersion(version: CrdVersion): CompiledVersion {
        let c = compiledVersions.get(version);
        if (c === undefined) {
            const root = withObjectMeta(version.schema);
            c = { root, validate: compileStructuralSchema(root) };
            compiledVersions.set(version, c);
        }
        return c;
    }

    /** The served CRD version for the object's apiVersion and kind, or the problem. */
    function lookup(obj: Record<string, unknown>): CrdVersion | ValidationProblem {
        const { apiVersion, kind } = obj;
        if (typeof apiVersion !== "string" || apiVersion === "") return { path: "apiVersion", message: "Required value: apiVersion must be a non-empty string" };
        if (typeof kind !== "string" || kind === "") return { path: "kind", message: "Required value: kind must be a non-empty string" };
        const slash = apiVersion.lastIndexOf("/");
        const [group, versionName] = slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
        const crd = loaded().find((c) => c.group === group && c.kind === kind);
        if (crd === undefined) {
            const groupKinds = loaded().filter((c) => c.group === group).map((c) => c.kind);
            const known = groupKinds.length > 0 ? `; kinds in ${group}: ${groupKinds.join(", ")}` : `; no CRD for group "${group}"`;
            return { path: "kind", message: `no matches for kind "${kind}" in version "${apiVersion}"${known}` };
        }
        const version = crd.versions.find((v) => v.name === versionName);
        const served = crd.versions.filter((v) => v.served).map((v) => v.name).join(", ");
        if (version === undefined) {
            return { path: "apiVersion", message: `no matches for kind "${kind}" in version "${apiVersion}"; served versions: ${served}` };
        }
        if (!version.served) {
            return { path: "apiVersion", message: `version "${versionName}" of ${crd.name} is not served; served versions: ${served}` };
        }
        return version;
    }

    function validate(obj: unknown): ValidationProblem[] {
        if (!isTree(obj)) return [{ path: "", message: "Invalid value: a Kubernetes object must be a JSON object" }];
        const version = lookup(obj);
        if (!("schema" in version)) return [version];
        const { root, validate: validateStructure } = compiledVersion(version);
        const object = pruneNonNullableNulls(obj, root);
        const schemaProblems = structuralProblems(validateStructure, object, root);
        const problems: ValidationProblem[] = schemaProblems.map(({ path, message }) => ({ path, message }));
        problems.push(...listTypeProblems(object, root));
        // Like the API server, rules only run on an object of the right shape.
        if (schemaProblems.some((p) => p.blocking)) problems.push({ path: "", message: CEL_SKIPPED_MESSAGE });
        else problems.push(...celRuleViolations(object, root));
        return problems;
    }

    return {
        validate,
        assertValid(obj: unknown): void {
            const problems = validate(obj);
            if (problems.length > 0) throw new Error(formatProblems(obj, problems));
        },
        crds: loaded,
    };
}

let istio: CrdValidator | undefined;

/** The validator for Istio 1.30.3's CRDs (loaded on first use). */
export function istioCrdValidator(): CrdValidator {
    istio ??= createCrdValidator(() => loadCrdFile(istioCrdPath()));
    return istio;
}

/** Problems the API server would report for this Istio object; [] when valid. */
export function validateIstioObject(obj: unknown): ValidationProblem[] {
    return istioCrdValidator().validate(obj);
}

/** Throws an Error naming the object and listing every problem, unless it is valid. */
export function assertValidIstioObject(obj: unknown): void {
    istioCrdValidator().assertValid(obj);
}
