import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults, stringList } from "../lib/config";
import { INJECT_KEY, optsOut } from "../lib/injection";
import { injectedNamespaces } from "../lib/mesh";
import { describe, namespaceOf, objectName, podTemplateOf } from "../lib/objects";

const configSchema = {
    properties: {
        allowed: stringList("Workloads that may run without a sidecar, as <namespace>/<name> or <namespace>/* ."),
        namespaces: stringList("Injected namespaces labelled outside this stack that are policed too."),
    },
};

/**
 * A stack policy although it judges single workloads: whether a namespace is
 * injected is a label on the Namespace, another resource of the stack.
 */
export const injectionOptOut: MeshStackPolicy = {
    name: "workload-injection-opt-out",
    description: "Workloads in an injected namespace keep their sidecar unless they are on the allow-list.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "no mTLS identity, outside authorization",
        messages: [MESSAGES.InjectionOptOut],
        istio: [],
        docs: "https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy",
        related: "Kyverno `prevent-disabling-injection-pods`",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const config = configWithDefaults<{ allowed: string[]; namespaces: string[] }>(args, configSchema);
        const injected = new Set([...injectedNamespaces(args.resources), ...config.namespaces]);
        for (const r of args.resources) {
            const template = podTemplateOf(r);
            if (!template || !optsOut(template)) continue;
            const ns = namespaceOf(r);
            if (!injected.has(ns) || config.allowed.includes(`${ns}/${objectName(r)}`) || config.allowed.includes(`${ns}/*`)) continue;
            report(reportViolation, MESSAGES.InjectionOptOut, { subject: describe(r), key: INJECT_KEY, namespace: ns, workload: `${ns}/${objectName(r)}` }, r.urn);
        }
    },
};
