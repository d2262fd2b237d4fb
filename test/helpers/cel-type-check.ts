// Static check of a parsed CEL rule against the schema node it sits on, in
// the spirit of cel-go's checker (which @bufbuild/cel does not ship): every
// identifier is declared, every selected field exists in the schema, and
// every call has an overload in the environment for its argument types.
// It is deliberately lenient where it is unsure (dyn matches anything), so
// it flags real mistakes — a function the environment lacks, a misspelled
// field — without rejecting rules the API server accepts.
import type { CelEnv, CelType, parse } from "@bufbuild/cel";
import { DYN, celFields, scalar, schemaCelType, type CelT } from "./cel-schema";

type Expr = ReturnType<typeof parse>["expr"];
type ExprKind = Expr["exprKind"];
type Call = Extract<ExprKind, { case: "callExpr" }>["value"];
type Comprehension = Extract<ExprKind, { case: "comprehensionExpr" }>["value"];
type Constant = Extract<ExprKind, { case: "constExpr" }>["value"];
type Scope = ReadonlyMap<string, CelT>;

export class CelCheckError extends Error {}

const BOOL = scalar("bool");
const FREE: CelT = { kind: "dyn", free: true };

export function formatType(t: CelT): string {
    switch (t.kind) {
        case "dyn":
            return "dyn";
        case "scalar":
            return t.name;
        case "list":
            return `list(${formatType(t.elem)})`;
        case "map":
            return `map(${formatType(t.key)}, ${formatType(t.value)})`;
        case "message":
            return t.name;
        case "object":
            return "object";
    }
}

function fromCelType(t: CelType): CelT {
    switch (t.kind) {
        case "scalar":
            return t.name === "dyn" ? DYN : scalar(t.name);
        case "list":
            return { kind: "list", elem: fromCelType(t.element) };
        case "map":
            return { kind: "map", key: fromCelType(t.key), value: fromCelType(t.value) };
        case "object":
            return { kind: "message", name: t.name };
    }
}

function sameType(a: CelT, b: CelT): boolean {
    switch (a.kind) {
        case "dyn":
            return b.kind === "dyn";
        case "scalar":
            return b.kind === "scalar" && a.name === b.name;
        case "list":
            return b.kind === "list" && sameType(a.elem, b.elem);
        case "map":
            return b.kind === "map" && sameType(a.key, b.key) && sameType(a.value, b.value);
        case "message":
            return b.kind === "message" && a.name === b.name;
        case "object":
            return b.kind === "object" && a.schema === b.schema;
    }
}

/** Whether a value of static type `actual` may be passed where `param` is expected. */
function assignable(actual: CelT, param: CelT): boolean {
    if (actual.kind === "dyn" || param.kind === "dyn") return true;
    switch (param.kind) {
        case "scalar":
            return actual.kind === "scalar" && actual.name === param.name;
        case "list":
            return actual.kind === "list" && assignable(actual.elem, param.elem);
        case "map":
            // Schema objects are maps of their fields at runtime.
            if (actual.kind === "object") return assignable(scalar("string"), param.key);
            return actual.kind === "map" && assignable(actual.key, param.key) && assignable(actual.value, param.value);
        case "message":
            return actual.kind === "message" && actual.name === param.name;
        case "object":
            return actual.kind === "object" && actual.schema === param.schema;
    }
}

/** Common type of two branches/elements; free placeholders take the other side. */
function join(a: CelT, b: CelT): CelT {
    if (a.kind === "dyn" && a.free) return b;
    if (b.kind === "dyn" && b.free) return a;
    if (sameType(a, b)) return a;
    if (a.kind === "list" && b.kind === "list") return { kind: "list", elem: join(a.elem, b.elem) };
    if (a.kind === "map" && b.kind === "map") return { kind: "map", key: join(a.key, b.key), value: join(a.value, b.value) };
    return DYN;
}

function constantType(c: Constant): CelT {
    switch (c.constantKind.case) {
        case "int64Value":
            return scalar("int");
        case "uint64Value":
            return scalar("uint");
        case "doubleValue":
            return scalar("double");
        case "boolValue":
            return BOOL;
        case "stringValue":
            return scalar("string");
        case "bytesValue":
            return scalar("bytes");
        case "nullValue":
            return scalar("null_type");
        case "durationValue":
            return { kind: "message", name: "google.protobuf.Duration" };
        case "timestampValue":
            return { kind: "message", name: "google.protobuf.Timestamp" };
        default:
            throw new CelCheckError("unsupported constant");
    }
}

/** "a.b" for the target of a call like a.b.f(), which may name a function namespace. */
function qualifiedName(e: Expr): string | undefined {
    if (e.exprKind.case === "identExpr") return e.exprKind.value.name;
    if (e.exprKind.case === "selectExpr" && !e.exprKind.value.testOnly && e.exprKind.value.operand) {
        const base = qualifiedName(e.exprKind.value.operand);
        return base === undefined ? undefined : `${base}.${e.exprKind.value.field}`;
    }
    return undefined;
}

class Checker {
    readonly referenced = new Set<string>();

    constructor(private readonly env: CelEnv) {}

    check(e: Expr | undefined, scope: Scope): CelT {
        if (e === undefined) throw new CelCheckError("malformed expression");
        const k = e.exprKind;
        switch (k.case) {
            case "constExpr":
                return constantType(k.value);
            case "identExpr": {
                const t = scope.get(k.value.name);
                if (t === undefined) throw new CelCheckError(`undeclared reference to '${k.value.name}'`);
                this.referenced.add(k.value.name);
                return t;
            }
            case "selectExpr": {
                const operand = this.check(k.value.operand, scope);
                const field = this.select(operand, k.value.field);
                return k.value.testOnly ? BOOL : field;
            }
            case "callExpr":
                return this.call(k.value, scope);
            case "listExpr":
                return { kind: "list", elem: k.value.elements.map((el) => this.check(el, scope)).reduce(join, FREE) };
            case "structExpr": {
                if (k.value.messageName !== "") throw new CelCheckError(`unknown type '${k.value.messageName}'`);
                let key = FREE;
                let value = FREE;
                for (const entry of k.value.entries) {
                    if (entry.keyKind.case !== "mapKey") throw new CelCheckError("malformed map literal");
                    key = join(key, this.check(entry.keyKind.value, scope));
                    value = join(value, this.check(entry.value, scope));
                }
                return { kind: "map", key, value };
            }
            case "comprehensionExpr":
                return this.comprehension(k.value, scope);
            default:
                throw new CelCheckError("unsupported expression");
        }
    }

    private select(operand: CelT, field: string): CelT {
        switch (operand.kind) {
            case "dyn":
                return DYN;
            case "map":
                return operand.value;
            case "object": {
                const f = celFields(operand.schema).get(field);
                if (f === undefined) throw new CelCheckError(`undefined field '${field}'`);
                return schemaCelType(f.schema);
            }
            default:
                throw new CelCheckError(`type '${formatType(operand)}' does not support field selection`);
        }
    }

    private comprehension(c: Comprehension, scope: Scope): CelT {
        const range = this.check(c.iterRange, scope);
        let iterTypes: [CelT, CelT];
        switch (range.kind) {
            case "list":
                iterTypes = c.iterVar2 ? [scalar("int"), range.elem] : [range.elem, DYN];
                break;
            case "map":
                iterTypes = [range.key, range.value];
                break;
            case "dyn":
                iterTypes = [DYN, DYN];
                break;
            default:
                throw new CelCheckError(`expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
        }
        const initial = this.check(c.accuInit, scope);
        const loopScope = (accu: CelT): Scope => {
            const s = new Map(scope);
            s.set(c.accuVar, accu);
            s.set(c.iterVar, iterTypes[0]);
            if (c.iterVar2) s.set(c.iterVar2, iterTypes[1]);
            return s;
        };
        const step = this.check(c.loopStep, loopScope(initial));
        const accu = join(initial, step);
        const condition = this.check(c.loopCondition, loopScope(accu));
        if (!assignable(condition, BOOL)) throw new CelCheckError("comprehension condition must be bool");
        return this.check(c.result, new Map(scope).set(c.accuVar, accu));
    }

    private call(call: Call, scope: Scope): CelT {
        // a.b.f(x) may call the global function "a.b.f" (e.g. sets.contains, ip.isCanonical).
        const qualifier = call.target && qualifiedName(call.target);
        if (qualifier !== undefined && this.env.funcs.find(`${qualifier}.${call.function}`) !== undefined) {
            return this.overload(`${qualifier}.${call.function}`, undefined, call.args.map((a) => this.check(a, scope)));
        }
        const args = call.args.map((a) => this.check(a, scope));
        switch (call.function) {
            case "_&&_":
            case "_||_":
                if (!args.every((a) => assignable(a, BOOL))) throw new CelCheckError(`'${call.function}' needs bool operands`);
                return BOOL;
            case "@not_strictly_false":
                return BOOL;
            case "_?_:_":
                if (!assignable(args[0], BOOL)) throw new CelCheckError("conditional needs a bool condition");
                return join(args[1], args[2]);
            case "_[_]":
                return this.index(args[0], args[1]);
            case "_[?_]":
            case "_?._":
                throw new CelCheckError("optional field selection is not supported");
            default: {
                const target = call.target && this.check(call.target, scope);
                const result = this.overload(call.function, target, args);
                const [l, r] = args;
                if (call.function === "_+_" && l.kind === "list" && r.kind === "list") return { kind: "list", elem: join(l.elem, r.elem) };
                return result;
            }
        }
    }

    private index(operand: CelT, index: CelT): CelT {
        switch (operand.kind) {
            case "list":
                if (!assignable(index, scalar("int")) && !assignable(index, scalar("uint"))) throw new CelCheckError(`cannot index a list with '${formatType(index)}'`);
                return operand.elem;
            case "map":
                if (!assignable(index, operand.key)) throw new CelCheckError(`cannot index '${formatType(operand)}' with '${formatType(index)}'`);
                return operand.value;
            case "dyn":
            case "object":
                return DYN;
            default:
                throw new CelCheckError(`type '${formatType(operand)}' does not support indexing`);
        }
    }

    private overload(name: string, target: CelT | undefined, args: CelT[]): CelT {
        const group = this.env.funcs.find(name);
        if (group === undefined) throw new CelCheckError(`undeclared reference to '${name}'`);
        const results: CelT[] = [];
        for (const f of group) {
            if ((f.target === undefined) !== (target === undefined) || f.arguments.length !== args.length) continue;
            if (target !== undefined && f.target !== undefined && !assignable(target, fromCelType(f.target))) continue;
            if (!args.every((a, i) => assignable(a, fromCelType(f.arguments[i])))) continue;
            results.push(fromCelType(f.result));
        }
        if (results.length === 0) {
            const receiver = target === undefined ? "" : `${formatType(target)}.`;
            throw new CelCheckError(`found no matching overload for '${name}' applied to '${receiver}(${args.map(formatType).join(", ")})'`);
        }
        return results.every((r) => sameType(r, results[0])) ? results[0] : DYN;
    }
}

export interface CheckResult {
    type: CelT;
    /** Whether the expression reads oldSelf, making it a transition rule. */
    usesOldSelf: boolean;
}

/**
 * Type-checks `expr` with `self` (and `oldSelf`) typed by `selfType`.
 * Throws CelCheckError, with cel-go-like wording, on the first problem.
 */
export function checkExpr(env: CelEnv, expr: Expr, selfType: CelT): CheckResult {
    const checker = new Checker(env);
    const type = checker.check(expr, new Map([["self", selfType], ["oldSelf", selfType]]));
    return { type, usesOldSelf: checker.referenced.has("oldSelf") };
}

export function isAssignable(actual: CelT, expected: CelT): boolean {
    return assignable(actual, expected);
}
