import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { isAllowNothing } from "../lib/authorization";
import { configWithDefaults, stringList } from "../lib/config";
import { AuthorizationPolicy, ofKind } from "../lib/kinds";
import { injectedNamespaces, namespaceLabels } from "../lib/mesh";
import { namespaceOf } from "../lib/objects";

const configSchema = {
    properties: {
        rootNamespace: { type: "string" as const, default: "istio-system", description: "Istio's root namespace: an allow-nothing policy there covers the whole mesh." },
        namespaces: stringList("Injected namespaces labelled outside this stack that must be covered too."),
    },
};

export const namespaceDenyByDefault: MeshStackPolicy = {
    name: "authz-namespace-deny-by-default",
    description: "Every injected namespace has a deny-by-default AuthorizationPolicy (namespace-wide allow-nothing, spec: {}), or the root namespace has one for the mesh.",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "access only by explicit ALLOW",
        messages: [MESSAGES.NamespaceWithoutDenyByDefault],
        istio: [],
        docs: "https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns",
        related: "Kyverno `require-authorizationpolicy`, `create-authorizationpolicy`",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const config = configWithDefaults<{ rootNamespace: string; namespaces: string[] }>(args, configSchema);
        const covered = new Set(
            ofKind(args.resources, AuthorizationPolicy).filter((r) => isAllowNothing(r.props.spec ?? {})).map(namespaceOf),
        );
        if (covered.has(config.rootNamespace)) return;
        const declared = namespaceLabels(args.resources);
        for (const ns of new Set([...injectedNamespaces(args.resources), ...config.namespaces])) {
            if (covered.has(ns)) continue;
            report(reportViolation, MESSAGES.NamespaceWithoutDenyByDefault, { subject: `Namespace ${ns}`, namespace: ns }, declared.get(ns)?.resource.urn);
        }
    },
};
