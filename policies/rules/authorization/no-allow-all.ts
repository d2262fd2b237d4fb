import { ResourceValidationPolicy } from "@pulumi/policy";
import { hasNoCondition, isAllowPolicy, isScoped } from "../lib/authorization";
import { AuthorizationPolicy, requireKind } from "../lib/kinds";
import { asList, describe } from "../lib/objects";

export const noAllowAll: ResourceValidationPolicy = {
    name: "authz-no-allow-all",
    description:
        "An ALLOW AuthorizationPolicy must grant something specific: no empty rule (it allows every request), and no workload-scoped policy without rules.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        requireKind(args, AuthorizationPolicy);
        const spec = args.props.spec ?? {};
        if (!isAllowPolicy(spec)) return;
        const rules = asList(spec.rules);
        rules.forEach((rule, i) => {
            if (hasNoCondition(rule)) {
                reportViolation(
                    `${describe(args)} has an empty rule (rules[${i}]): an ALLOW rule without from, to or when matches every request, so the policy allows all traffic. ` +
                        "Name the callers (from.source.principals or namespaces) and the operations (to.operation.methods and paths) it should allow.",
                );
            }
        });
        // Namespace-wide `spec: {}` is Istio's allow-nothing (deny-by-default) idiom and is wanted;
        // a selector with no rules denies everything to those workloads, almost always forgotten rules.
        if (rules.length === 0 && isScoped(spec)) {
            reportViolation(
                `${describe(args)} is an ALLOW policy for selected workloads with no rules: it matches nothing, so those workloads get no traffic from this policy. ` +
                    "Add the rules that say who may call them; for deny-by-default use one namespace-wide policy with spec: {} instead.",
            );
        }
    },
};
