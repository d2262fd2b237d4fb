import { ResourceValidationPolicy } from "@pulumi/policy";
import { sources } from "../lib/authorization";
import { configWithDefaults, stringList } from "../lib/config";
import { AuthorizationPolicy, requireKind } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

const configSchema = {
    properties: {
        trustDomains: stringList("Trust domains principals may name (meshConfig.trustDomain and its aliases).", ["cluster.local"]),
    },
};

// <trust domain>/ns/<namespace>/sa/<service account>; Istio takes `*` as a prefix or suffix wildcard in each part.
const SPIFFE = /^([^/\s]+)\/ns\/([^/\s]+)\/sa\/([^/\s]+)$/;

function problem(principal: string, trustDomains: string[]): string | undefined {
    if (principal === "*") return "matches any workload with a mesh certificate, which is every caller in the mesh";
    if (principal.startsWith("spiffe://")) return "starts with spiffe://, which Istio's principals never carry, so it matches nothing (drop the prefix)";
    const m = SPIFFE.exec(principal);
    if (!m && principal.includes("*")) return "is a wildcard over identities, not a SPIFFE identity: it admits every workload whose identity has that prefix or suffix";
    if (!m) return "is not a SPIFFE identity <trustDomain>/ns/<namespace>/sa/<serviceAccount>, so it matches nothing";
    if (m[1] !== "*" && !trustDomains.includes(m[1])) return `names trust domain ${m[1]}, not one of ${trustDomains.join(", ")}`;
    return undefined;
}

export const principals: ResourceValidationPolicy = {
    name: "authz-principals",
    description: "AuthorizationPolicy principals are SPIFFE identities of the mesh's trust domain, never `*`.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: (args, reportViolation) => {
        requireKind(args, AuthorizationPolicy);
        const { trustDomains } = configWithDefaults<{ trustDomains: string[] }>(args, configSchema);
        for (const [where, source] of sources(args.props.spec ?? {})) {
            for (const field of ["principals", "notPrincipals"]) {
                for (const principal of asList(source[field])) {
                    const why = problem(String(principal), trustDomains);
                    if (why) {
                        reportViolation(
                            `${describe(args)} ${where}.${field} "${principal}" ${why}. ` +
                                `Write the caller's service account as ${trustDomains[0]}/ns/<namespace>/sa/<serviceAccount>, or use source.namespaces for a whole namespace.`,
                        );
                    }
                }
            }
        }
    },
};
