import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { operations } from "../lib/authorization";
import { configWithDefaults, stringList } from "../lib/config";
import { AuthorizationPolicy, forKinds } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

const configSchema = {
    properties: {
        extraMethods: stringList("Methods beyond the HTTP set that services really use (WebDAV's PROPFIND, ...)."),
    },
};

export const methods: MeshResourcePolicy = forKinds([AuthorizationPolicy], {
    name: "authz-methods",
    description: "AuthorizationPolicy methods are HTTP methods in upper case; Envoy compares them case-sensitively.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "Envoy compares case-sensitively: `get` never matches",
        messages: [MESSAGES.AuthorizationLowerCaseMethod, MESSAGES.AuthorizationUnknownMethod],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { extraMethods } = configWithDefaults<{ extraMethods: string[] }>(args, configSchema);
        const known = [...HTTP_METHODS, ...extraMethods];
        for (const [where, operation] of operations(args.props.spec ?? {})) {
            for (const field of ["methods", "notMethods"]) {
                for (const method of asList(operation[field]).map(String)) {
                    if (method !== method.toUpperCase() && known.includes(method.toUpperCase())) {
                        report(reportViolation, MESSAGES.AuthorizationLowerCaseMethod, { subject: describe(args), where, field, method, upper: method.toUpperCase() });
                    } else if (!known.includes(method) && !method.includes("*")) {
                        report(reportViolation, MESSAGES.AuthorizationUnknownMethod, { subject: describe(args), where, field, method, known: known.join(", ") });
                    }
                }
            }
        }
    },
});
