import { EnvoyFilter, ofKind } from "./kinds";
import { asList, isObj, Obj, ResourceLike } from "./objects";

/** Where ADD and REMOVE do nothing. */
const ROUTES = ["ROUTE_CONFIGURATION", "HTTP_ROUTE"];
/** What REPLACE can replace. */
const REPLACEABLE = ["NETWORK_FILTER", "HTTP_FILTER", "VIRTUAL_HOST"];

/** The filter a patch is about: its value's name, else the filter its listener match names. */
function patchName(patch: Obj): string {
    const value = patch.patch?.value;
    if (!isObj(value)) return "";
    if (value.name !== undefined) return String(value.name);
    return String(patch.match?.listener?.filterChain?.filter?.name ?? "");
}

export interface PatchFinding {
    filter: ResourceLike;
    index: number;
    /** misplaced: the operation does nothing where it is used; relative: it depends on order and no priority fixes it. */
    problem: "replace" | "add" | "remove" | "relative" | "relative-to-versioned";
    operation: string;
    applyTo: string;
    name: string;
}

/**
 * The analyzer's reading of EnvoyFilter patch operations, in stack order:
 * a relative patch is judged against the filters that earlier patches add
 * only for some proxy versions.
 */
export function envoyFilterPatchFindings(resources: ResourceLike[]): PatchFinding[] {
    const findings: PatchFinding[] = [];
    const versioned: string[] = [];
    for (const filter of ofKind(resources, EnvoyFilter)) {
        const unprioritised = !filter.props.spec?.priority;
        for (const [index, patch] of asList(filter.props.spec?.configPatches).entries()) {
            if (!isObj(patch?.patch)) break;
            const operation = String(patch.patch.operation ?? "");
            const applyTo = String(patch.applyTo ?? "");
            const name = patchName(patch);
            const found = (problem: PatchFinding["problem"]) => findings.push({ filter, index, problem, operation, applyTo, name });
            const relative = () => unprioritised && found(versioned.includes(name) ? "relative-to-versioned" : "relative");
            if (operation === "ADD" && ROUTES.includes(applyTo)) found("add");
            else if (operation === "REMOVE") ROUTES.includes(applyTo) ? found("remove") : relative();
            else if (operation === "REPLACE") REPLACEABLE.includes(applyTo) ? relative() : found("replace");
            else if (operation === "INSERT_BEFORE" || operation === "INSERT_AFTER") relative();
            if (patch.match?.proxy?.proxyVersion) versioned.push(name);
        }
    }
    return findings;
}
