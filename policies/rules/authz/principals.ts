import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { sources } from "../lib/authorization";
import { configWithDefaults, stringList } from "../lib/config";
import { AuthorizationPolicy, forKinds } from "../lib/kinds";
import { asList, describe } from "../lib/objects";
import { principalFormProblem } from "../lib/principals";

const configSchema = {
    properties: {
        trustDomains: stringList("Trust domains principals may name (meshConfig.trustDomain and its aliases).", ["cluster.local"]),
    },
};

/** What is wrong with a principal in this field, if anything. */
function problem(principal: string, field: string, trustDomains: string[]): string | undefined {
    // In principals `*` admits every mesh workload (stricter on purpose); in notPrincipals it is
    // Istio's documented "deny requests without mTLS" idiom.
    if (principal === "*") return field === "principals" ? "matches any workload with a mesh certificate, which is every caller in the mesh" : undefined;
    const form = principalFormProblem(principal);
    if (form) return form;
    const trustDomain = principal.split("/")[0];
    if (trustDomain !== "*" && !trustDomains.includes(trustDomain)) return `names trust domain ${trustDomain}, not one of ${trustDomains.join(", ")}`;
    return undefined;
}

export const principals: MeshResourcePolicy = forKinds([AuthorizationPolicy], {
    name: "authz-principals",
    description:
        "AuthorizationPolicy principals take Istio's forms (<trustDomain>/ns/<namespace>/sa/<serviceAccount>, with `*` at one end) in the mesh's trust domain; `*` only in notPrincipals.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "wrong forms match nothing or everyone",
        messages: [MESSAGES.AuthorizationBadPrincipal],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { trustDomains } = configWithDefaults<{ trustDomains: string[] }>(args, configSchema);
        for (const [where, source] of sources(args.props.spec ?? {})) {
            for (const field of ["principals", "notPrincipals"]) {
                for (const principal of asList(source[field])) {
                    const why = problem(String(principal), field, trustDomains);
                    if (why) {
                        report(reportViolation, MESSAGES.AuthorizationBadPrincipal, {
                            subject: describe(args), where, field, principal: String(principal), problem: why, trustDomain: trustDomains[0],
                        });
                    }
                }
            }
        }
    },
});
