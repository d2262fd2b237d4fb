import { MeshStackPolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults } from "../lib/config";
import { isKind, PeerAuthentication } from "../lib/kinds";
import { describe, namespaceOf, STACK } from "../lib/objects";

const configSchema = {
    properties: {
        rootNamespace: { type: "string" as const, default: "istio-system", description: "Istio's root namespace (meshConfig.rootNamespace)." },
    },
};

export const meshWideStrict: MeshStackPolicy = {
    name: "mtls-mesh-wide-strict",
    description: "The stack declares a mesh-wide PeerAuthentication (root namespace, no selector) in STRICT mode.",
    enforcementLevel: "advisory",
    meta: {
        severity: "high",
        topics: ["security"],
        why: "Istio's default is PERMISSIVE",
        messages: [MESSAGES.MeshWideMtlsMissing, MESSAGES.MeshWideMtlsNotStrict],
        istio: [],
        docs: "https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/",
        related: "Kyverno `enforce-strict-mtls`",
    },
    configSchema,
    validateStack: (args, reportViolation) => {
        const { rootNamespace } = configWithDefaults<{ rootNamespace: string }>(args, configSchema);
        const meshWide = args.resources.filter(
            (r) => isKind(r.type, PeerAuthentication) && namespaceOf(r) === rootNamespace && !r.props.spec?.selector,
        );
        if (meshWide.length === 0) {
            report(reportViolation, MESSAGES.MeshWideMtlsMissing, { subject: STACK, rootNamespace });
        }
        for (const r of meshWide) {
            const mode = r.props.spec?.mtls?.mode ?? "UNSET";
            if (mode !== "STRICT") {
                report(reportViolation, MESSAGES.MeshWideMtlsNotStrict, { subject: describe(r), mode }, r.urn);
            }
        }
    },
};
