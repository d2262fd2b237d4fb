import { StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { isKind, PeerAuthentication } from "../lib/kinds";
import { describe, namespaceOf } from "../lib/objects";

const configSchema = {
    properties: {
        rootNamespace: { type: "string" as const, default: "istio-system", description: "Istio's root namespace (meshConfig.rootNamespace)." },
    },
};

export const meshWideStrict: StackValidationPolicy = {
    name: "mtls-mesh-wide-strict",
    description: "The stack declares a mesh-wide PeerAuthentication (root namespace, no selector) in STRICT mode.",
    enforcementLevel: "advisory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const { rootNamespace } = configWithDefaults<{ rootNamespace: string }>(args, configSchema);
        const meshWide = args.resources.filter(
            (r) => isKind(r.type, PeerAuthentication) && namespaceOf(r) === rootNamespace && !r.props.spec?.selector,
        );
        if (meshWide.length === 0) {
            reportViolation(
                `No mesh-wide PeerAuthentication in ${rootNamespace}: Istio's default is PERMISSIVE, so every workload accepts plaintext. ` +
                    `Add a PeerAuthentication named default in ${rootNamespace} without a selector and with mtls.mode: STRICT.`,
            );
        }
        for (const r of meshWide) {
            const mode = r.props.spec?.mtls?.mode ?? "UNSET";
            if (mode !== "STRICT") {
                reportViolation(`${describe(r)} is the mesh-wide PeerAuthentication but its mtls.mode is ${mode}, not STRICT. Set mtls.mode: STRICT.`, r.urn);
            }
        }
    },
};
