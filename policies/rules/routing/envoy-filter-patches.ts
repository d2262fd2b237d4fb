import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { EnvoyFilter, ofKind } from "../lib/kinds";
import { asList, describe, isObj, Obj } from "../lib/objects";

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

/**
 * The analyzer's checks of EnvoyFilter patch operations. A stack policy: a
 * relative patch is judged against the filters that earlier EnvoyFilters of
 * the stack add only for some proxy versions.
 */
export const envoyFilterPatches: MeshStackPolicy = {
    name: "routing-envoy-filter-patches",
    description:
        "EnvoyFilter patches use operations that apply where they are used (REPLACE, ADD, REMOVE), and relative ones set a priority (istioctl IST0151 to IST0155).",
    enforcementLevel: "advisory",
    meta: {
        severity: "medium",
        topics: ["traffic"],
        why: "the patch is ignored or applies by chance",
        messages: [
            MESSAGES.EnvoyFilterRelativeOperation, MESSAGES.EnvoyFilterReplaceMisused, MESSAGES.EnvoyFilterAddMisused,
            MESSAGES.EnvoyFilterRemoveMisused, MESSAGES.EnvoyFilterRelativeToVersionedPatch,
        ],
        istio: ["IST0151", "IST0152", "IST0153", "IST0154", "IST0155"],
        docs: "https://istio.io/latest/docs/reference/config/networking/envoy-filter/",
    },
    validateStack: (args, reportViolation) => {
        const versioned: string[] = [];
        for (const filter of ofKind(args.resources, EnvoyFilter)) {
            const subject = describe(filter);
            const unprioritised = !filter.props.spec?.priority;
            for (const [index, patch] of asList(filter.props.spec?.configPatches).entries()) {
                if (!isObj(patch?.patch)) break;
                const operation = patch.patch.operation;
                const applyTo = String(patch.applyTo ?? "");
                const name = patchName(patch);
                const relative = () => {
                    if (!unprioritised) return;
                    if (versioned.includes(name)) report(reportViolation, MESSAGES.EnvoyFilterRelativeToVersionedPatch, { subject, index, operation, name }, filter.urn);
                    else report(reportViolation, MESSAGES.EnvoyFilterRelativeOperation, { subject, index, operation }, filter.urn);
                };
                if (operation === "ADD" && ROUTES.includes(applyTo)) report(reportViolation, MESSAGES.EnvoyFilterAddMisused, { subject, index, applyTo }, filter.urn);
                else if (operation === "REMOVE") ROUTES.includes(applyTo) ? report(reportViolation, MESSAGES.EnvoyFilterRemoveMisused, { subject, index, applyTo }, filter.urn) : relative();
                else if (operation === "REPLACE") REPLACEABLE.includes(applyTo) ? relative() : report(reportViolation, MESSAGES.EnvoyFilterReplaceMisused, { subject, index, applyTo }, filter.urn);
                else if (operation === "INSERT_BEFORE" || operation === "INSERT_AFTER") relative();
                if (patch.match?.proxy?.proxyVersion) versioned.push(name);
            }
        }
    },
};
