import { MeshResourcePolicy } from "../lib/meta";
import { MESSAGES, report } from "../lib/messages";
import { configWithDefaults } from "../lib/config";
import { PeerAuthentication, forKinds } from "../lib/kinds";
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

export const peerAuthenticationMode: MeshResourcePolicy = forKinds([PeerAuthentication], {
    name: "mtls-peer-authentication-mode",
    description: "PeerAuthentication must not accept plaintext: no PERMISSIVE or DISABLE mode, at the top level or per port.",
    enforcementLevel: "mandatory",
    meta: {
        severity: "critical",
        topics: ["security"],
        why: "plaintext accepted",
        messages: [MESSAGES.PeerAuthenticationWeakMode, MESSAGES.PeerAuthenticationWeakPort],
        istio: [],
        docs: "https://istio.io/latest/docs/reference/config/security/peer_authentication/",
        related: "Kyverno `enforce-strict-mtls`",
    },
    configSchema,
    validateResource: (args, reportViolation) => {
        const { allowedPorts } = configWithDefaults<{ allowedPorts: number[] }>(args, configSchema);
        const spec = args.props.spec ?? {};
        const mode = spec.mtls?.mode;
        if (WEAK_MODES.includes(mode)) {
            report(reportViolation, MESSAGES.PeerAuthenticationWeakMode, { subject: describe(args), mode });
        }
        const portLevel = isObj(spec.portLevelMtls) ? spec.portLevelMtls : {};
        for (const [port, setting] of Object.entries(portLevel)) {
            const portMode = (setting as { mode?: string })?.mode;
            if (WEAK_MODES.includes(portMode ?? "") && !allowedPorts.includes(Number(port))) {
                report(reportViolation, MESSAGES.PeerAuthenticationWeakPort, { subject: describe(args), port, mode: portMode! });
            }
        }
    },
});
