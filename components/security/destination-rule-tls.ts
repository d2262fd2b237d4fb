import { ArgsError } from "../common/parse-args";
import { isTree, Tree } from "../common/tree";
import { PortMtlsMode } from "./peer-authentication";

/**
 * With the mesh STRICT, a client sidecar that a DestinationRule tells to send
 * plain text (`tls.mode: DISABLE`) is refused by every server sidecar: the
 * rule can only break traffic. This pure check is for any component that
 * emits DestinationRules; leaving `tls` out keeps Istio's auto mTLS.
 */

function trafficPolicyProblems(policy: unknown, at: string): string[] {
    if (!isTree(policy)) return [];
    const problems: string[] = [];
    if (isTree(policy.tls) && policy.tls.mode === "DISABLE") problems.push(`${at}.tls.mode`);
    const ports = Array.isArray(policy.portLevelSettings) ? policy.portLevelSettings : [];
    ports.forEach((p: unknown, i) => {
        if (isTree(p) && isTree(p.tls) && p.tls.mode === "DISABLE") problems.push(`${at}.portLevelSettings[${i}].tls.mode`);
    });
    return problems;
}

/** The fields of a DestinationRule spec that turn mTLS off, when the mesh mode forbids it. */
export function tlsDisableFields(meshMode: PortMtlsMode, spec: Tree): string[] {
    if (meshMode !== "STRICT") return [];
    const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
    return [
        ...trafficPolicyProblems(spec.trafficPolicy, "trafficPolicy"),
        ...subsets.flatMap((s: unknown, i) => (isTree(s) ? trafficPolicyProblems(s.trafficPolicy, `subsets[${i}].trafficPolicy`) : [])),
    ];
}

/** Throws, naming the rule and fields, if a DestinationRule would disable TLS in a STRICT mesh. */
export function assertMtlsCompatible(meshMode: PortMtlsMode, name: string, spec: Tree): void {
    const fields = tlsDisableFields(meshMode, spec);
    if (fields.length === 0) return;
    throw new ArgsError(`DestinationRule ${name}`, [
        `${fields.join(", ")}: DISABLE sends plain text, which a STRICT mesh refuses; leave tls out (auto mTLS) or use ISTIO_MUTUAL`,
    ]);
}
