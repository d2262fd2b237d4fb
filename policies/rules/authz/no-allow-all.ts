import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { hasNoCondition, isAllowPolicy, isScoped } from "../lib/authorization";
import { AuthorizationPolicy, forKinds } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const noAllowAll: MeshResourcePolicy = forKinds([AuthorizationPolicy], {
    name: "authz-no-allow-all",
    description:
        "An ALLOW AuthorizationPolicy must grant something specific: no empty rule (it allows every request), and no workload-scoped policy without rules.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "critical",
        topics: ["security"],
        why: "allow-all by accident; forgotten rules",
        messages: [MESSAGES.AuthorizationEmptyRule, MESSAGES.AuthorizationScopedWithoutRules],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/security/authorization-policy/",
    },
    validateResource: (args, reportViolation) => {
        const spec = args.props.spec ?? {};
        if (!isAllowPolicy(spec)) return;
        const rules = asList(spec.rules);
        rules.forEach((rule, i) => {
            if (hasNoCondition(rule)) {
                report(reportViolation, MESSAGES.AuthorizationEmptyRule, { subject: describe(args), index: i });
            }
        });
        // Namespace-wide `spec: {}` is Istio's allow-nothing (deny-by-default) idiom and is wanted;
        // a selector with no rules denies everything to those workloads, almost always forgotten rules.
        if (rules.length === 0 && isScoped(spec)) {
            report(reportViolation, MESSAGES.AuthorizationScopedWithoutRules, { subject: describe(args) });
        }
    },
});
