// x-kubernetes-validations: compile each rule once per schema node (parse,
// type-check against the node's schema, plan) and evaluate the rules of
// every node present in an object, as the API server does on create.
import { isCelError, parse, plan, type CelEnv, type CelInput, type CelResult } from "@bufbuild/cel";
import { createK8sCelEnv } from "./cel-k8s-functions";
import { scalar, schemaCelType, toCelValue } from "./cel-schema";
import { checkExpr, formatType, isAssignable } from "./cel-type-check";
import type { K8sSchema, ValidationRule } from "./crd-schema";
import { formatPath, walkSchemaNodes } from "./field-path";

type Program = (bindings: { self: CelInput; oldSelf: CelInput }) => CelResult;

export interface CompiledRule {
    rule: ValidationRule;
    /** Why the rule (or its messageExpression) does not compile; evaluation reports it. */
    error?: string;
    /** Rules reading oldSelf only apply to updates. */
    transition: boolean;
    program?: Program;
    messageProgram?: Program;
}

export interface RuleViolation {
    path: string;
    message: string;
    rule: string;
}

let sharedEnv: CelEnv | undefined;
function env(): CelEnv {
    sharedEnv ??= createK8sCelEnv();
    return sharedEnv;
}

function compileExpression(source: string, schema: K8sSchema, resultType: "bool" | "string"): { program: Program; usesOldSelf: boolean } {
    const parsed = parse(source);
    const { type, usesOldSelf } = checkExpr(env(), parsed.expr, schemaCelType(schema));
    if (!isAssignable(type, scalar(resultType))) throw new Error(`must evaluate to ${resultType}, not ${formatType(type)}`);
    return { program: plan(env(), parsed), usesOldSelf };
}

/** Compiles one rule for the schema node it is declared on; never throws. */
export function compileRule(rule: ValidationRule, schema: K8sSchema): CompiledRule {
    const compiled: CompiledRule = { rule, transition: false };
    try {
        const main = compileExpression(rule.rule, schema, "bool");
        compiled.program = main.program;
        compiled.transition = main.usesOldSelf;
    } catch (e) {
        compiled.error = `rule ${JSON.stringify(rule.rule)} does not compile: ${(e as Error).message}`;
        return compiled;
    }
    if (rule.messageExpression !== undefined) {
        try {
            compiled.messageProgram = compileExpression(rule.messageExpression, schema, "string").program;
        } catch (e) {
            compiled.error = `messageExpression ${JSON.stringify(rule.messageExpression)} does not compile: ${(e as Error).message}`;
        }
    }
    return compiled;
}

const compiledBySchema = new WeakMap<K8sSchema, CompiledRule[]>();

export function compiledRules(schema: K8sSchema): CompiledRule[] {
    let rules = compiledBySchema.get(schema);
    if (rules === undefined) {
        rules = (schema["x-kubernetes-validations"] ?? []).map((r) => compileRule(r, schema));
        compiledBySchema.set(schema, rules);
    }
    return rules;
}

/** Every schema node that declares rules, with its schema path (a[] for items, a{} for map values). */
export function* schemaNodesWithRules(schema: K8sSchema, path = ""): Generator<{ path: string; schema: K8sSchema }> {
    if (schema["x-kubernetes-validations"]?.length) yield { path, schema };
    for (const [name, prop] of Object.entries(schema.properties ?? {})) yield* schemaNodesWithRules(prop, path === "" ? name : `${path}.${name}`);
    if (schema.items) yield* schemaNodesWithRules(schema.items, `${path}[]`);
    if (typeof schema.additionalProperties === "object") yield* schemaNodesWithRules(schema.additionalProperties, `${path}{}`);
}

function failureMessage(compiled: CompiledRule, self: CelInput): string {
    if (compiled.messageProgram) {
        // As in the API server, a failing or blank messageExpression falls back to message.
        const m = compiled.messageProgram({ self, oldSelf: null });
        if (typeof m === "string" && m.trim() !== "") return m;
    }
    return compiled.rule.message ?? `failed rule: ${compiled.rule.rule}`;
}

/** A rule's fieldPath (".ports", "[0]") is relative to the node the rule is on. */
function withFieldPath(nodePath: string, fieldPath: string | undefined): string {
    if (!fieldPath) return nodePath;
    if (fieldPath.startsWith("[")) return `${nodePath}${fieldPath}`;
    const relative = fieldPath.replace(/^\./, "");
    return nodePath === "" ? relative : `${nodePath}.${relative}`;
}

/** Evaluates the rules of every node of `obj` described by `rootSchema` (create semantics: no oldSelf). */
export function celRuleViolations(obj: unknown, rootSchema: K8sSchema): RuleViolation[] {
    const violations: RuleViolation[] = [];
    for (const node of walkSchemaNodes(obj, rootSchema)) {
        const rules = compiledRules(node.schema);
        if (rules.length === 0) continue;
        const nodePath = formatPath(node.path);
        const self = toCelValue(node.value, node.schema);
        for (const compiled of rules) {
            const path = withFieldPath(nodePath, compiled.rule.fieldPath);
            const report = (message: string): void => {
                violations.push({ path, message, rule: compiled.rule.rule });
            };
            if (compiled.error !== undefined || compiled.program === undefined) {
                report(compiled.error ?? "rule did not compile");
                continue;
            }
            if (compiled.transition) continue;
            const result = compiled.program({ self, oldSelf: null });
            // The API server names the rule by its message when it has one (ruleErrorString).
            if (isCelError(result)) report(`${result.message} evaluating rule: ${compiled.rule.message?.trim() || compiled.rule.rule}`);
            else if (typeof result !== "boolean") report(`rule evaluated to ${String(result)}, not a bool: ${compiled.rule.rule}`);
            else if (!result) report(failureMessage(compiled, self));
        }
    }
    return violations;
}
