import { asList, isObj, Obj } from "./objects";

/** Istio's action when none is given is ALLOW; CUSTOM policies delegate to an external authorizer. */
export function isAllowPolicy(spec: Obj): boolean {
    return (spec.action ?? "ALLOW") === "ALLOW" && !spec.provider;
}

/** The policy applies to chosen workloads rather than the whole namespace. */
export function isScoped(spec: Obj): boolean {
    return Boolean(spec.selector || spec.targetRef || asList(spec.targetRefs).length > 0);
}

/** A value with no condition in it: an empty rule, `from: [{source: {}}]`, ... */
export function hasNoCondition(value: unknown): boolean {
    if (value === undefined || value === null) return true;
    if (Array.isArray(value)) return value.every(hasNoCondition);
    if (isObj(value)) return Object.values(value).every(hasNoCondition);
    return false;
}

/**
 * Istio's allow-nothing policy (`spec: {}`): an ALLOW policy with no rules
 * matches no request, so a namespace-wide one denies everything that another
 * ALLOW policy does not grant. It is the deny-by-default building block.
 */
export function isAllowNothing(spec: Obj): boolean {
    return isAllowPolicy(spec) && !isScoped(spec) && asList(spec.rules).length === 0;
}

/** Each `from[].source` of each rule, with where it sits. */
export function sources(spec: Obj): [string, Obj][] {
    return asList(spec.rules).flatMap((rule, i) =>
        asList(rule?.from).map((f, j): [string, Obj] => [`rules[${i}].from[${j}].source`, isObj(f?.source) ? f.source : {}]),
    );
}

/** Each `to[].operation` of each rule, with where it sits. */
export function operations(spec: Obj): [string, Obj][] {
    return asList(spec.rules).flatMap((rule, i) =>
        asList(rule?.to).map((t, j): [string, Obj] => [`rules[${i}].to[${j}].operation`, isObj(t?.operation) ? t.operation : {}]),
    );
}
