import { ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { PeerAuthentication, requireKind } from "../lib/kinds";
import { describe, isObj } from "../lib/objects";

const WEAK_MODES = ["PERMISSIVE", "DISABLE"];

const configSchema = {
    properties: {
        allowedPorts: {
            type: "array" as const,
            items: { type: "integer" as const },
            default: [],
            description: "Ports whose portLevelMtls may be PERMISSIVE or DISABLE: the explicit exemptions (health checks of non-mesh callers, ...).",
        },
    },
};

export const peerAuthenticationMode: ResourceValidationPolicy = {
    name: "mtls-peer-authentication-mode",
    description: "PeerAuthentication must not accept plaintext: no PERMISSIVE or DISABLE mode, at the top level or per port.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: (args, reportViolation) => {
        requireKind(args, PeerAuthentication);
        const { allowedPorts } = configWithDefaults<{ allowedPorts: number[] }>(args, configSchema);
        const spec = args.props.spec ?? {};
        const mode = spec.mtls?.mode;
        if (WEAK_MODES.includes(mode)) {
            reportViolation(
                `${describe(args)} sets mtls.mode ${mode}, so its workloads accept plaintext from anything that can reach them. ` +
                    "Set mtls.mode: STRICT once every client has a sidecar (check Kiali's security badge or the istio_requests_total metric's connection_security_policy label).",
            );
        }
        const portLevel = isObj(spec.portLevelMtls) ? spec.portLevelMtls : {};
        for (const [port, setting] of Object.entries(portLevel)) {
            const portMode = (setting as { mode?: string })?.mode;
            if (WEAK_MODES.includes(portMode ?? "") && !allowedPorts.includes(Number(port))) {
                reportViolation(
                    `${describe(args)} sets portLevelMtls[${port}].mode ${portMode}: port ${port} accepts plaintext. ` +
                        `Set it to STRICT, or, if port ${port} must stay open to non-mesh callers, add ${port} to allowedPorts in this policy's config.`,
                );
            }
        }
    },
};
