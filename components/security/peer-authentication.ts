import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import { IstioObject } from "./istio-object";
import { port, WorkloadSelector, workloadSelector } from "./match";

/**
 * PeerAuthentication builders: the mesh-wide policy (`default` in the root
 * namespace), per-namespace overrides (`default` in the namespace) and
 * per-workload policies with explicit port exemptions.
 */

const API_VERSION = "security.istio.io/v1";
/** Istio reads the policy named `default` as the mesh-wide (root namespace) or namespace-wide one. */
export const DEFAULT_POLICY_NAME = "default";

export const MtlsMode = { STRICT: "STRICT", PERMISSIVE: "PERMISSIVE" } as const;
/** Istio's mTLS mode: STRICT accepts mutual TLS only, PERMISSIVE plain text too. */
export type MtlsMode = (typeof MtlsMode)[keyof typeof MtlsMode];
export const MTLS_MODES = Object.values(MtlsMode);

// DISABLE is for a port, a workload or a namespace, never the mesh: without mTLS a workload's
// callers lose their identity, so policies naming principals or namespaces cannot match them.
export const PortMtlsMode = { ...MtlsMode, DISABLE: "DISABLE" } as const;
/** The mTLS mode of a port, workload or namespace: STRICT, PERMISSIVE or DISABLE. */
export type PortMtlsMode = (typeof PortMtlsMode)[keyof typeof PortMtlsMode];
export const PORT_MTLS_MODES = Object.values(PortMtlsMode);

/** @internal */
export const mtlsMode = z.enum(MtlsMode, { error: `expected one of ${MTLS_MODES.join(", ")}` });
const overrideMtlsMode = z.enum(PortMtlsMode, { error: `expected one of ${PORT_MTLS_MODES.join(", ")}` });

/** A port whose mTLS mode differs from its workload's. */
export interface PortMtls {
    mode: PortMtlsMode;
    /** Why the port differs from the workload; kept in the stack file, where reviewers read it. */
    reason: string;
}

/** A workload's own PeerAuthentication. */
export interface WorkloadMtlsArgs {
    namespace: string;
    selector: WorkloadSelector;
    /**
     * The workload's mode; inherits the namespace's (or mesh's) when left out. DISABLE gets a warning.
     * @default the namespace's mode, or the mesh's (Istio's `UNSET`: inherit)
     * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-mode
     */
    mode?: PortMtlsMode;
    /**
     * Port number -> its mode and the reason it differs.
     * @default none (every port has the workload's mode)
     * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-port_level_mtls
     */
    portLevelMtls?: Record<string, PortMtls>;
}

/** A namespace's own mode (its `default` PeerAuthentication). */
export interface NamespaceMtls {
    /** DISABLE gets a warning. */
    mode: PortMtlsMode;
}

/** Mutual TLS for the mesh, its namespaces and workloads. */
export interface MtlsArgs {
    /** Mesh-wide mode: the `default` PeerAuthentication in the root namespace. */
    mode: MtlsMode;
    /**
     * Per-namespace overrides, by namespace.
     * @default none (every namespace has the mesh-wide `mode`)
     * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication
     */
    namespaces?: Record<string, NamespaceMtls>;
    /**
     * Per-workload policies, by policy name.
     * @default none (no workload policies)
     * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-selector
     */
    workloads?: Record<string, WorkloadMtlsArgs>;
}

const portExemption = z.strictObject({
    mode: z.enum(PortMtlsMode, { error: `expected one of ${PORT_MTLS_MODES.join(", ")}` }),
    reason: z.string().trim().min(1, { error: "every port exemption needs a reason" }),
});

/** @internal */
export const workloadMtlsSchema = schemaOf<WorkloadMtlsArgs>()(z
    .strictObject({
        namespace: dnsLabel,
        selector: workloadSelector,
        mode: overrideMtlsMode.optional(),
        portLevelMtls: z.record(port, portExemption).optional(),
    })
    .refine((w) => w.mode !== undefined || (w.portLevelMtls !== undefined && Object.keys(w.portLevelMtls).length > 0), {
        error: "set mode or at least one portLevelMtls entry, or the policy changes nothing",
    }));

/** @internal */
export const mtlsSchema = schemaOf<MtlsArgs>()(z.strictObject({
    mode: mtlsMode,
    namespaces: z.record(dnsLabel, z.strictObject({ mode: overrideMtlsMode })).default({}),
    workloads: z.record(dnsLabel, workloadMtlsSchema).default({}),
}));

function peerAuthentication(name: string, namespace: string, spec: Record<string, unknown>): IstioObject {
    return { apiVersion: API_VERSION, kind: "PeerAuthentication", metadata: { name, namespace }, spec };
}

/**
 * `default` in a namespace: in the root namespace (istio-system) the mode for
 * the whole mesh, anywhere else an override for that namespace.
 */
export function defaultPeerAuthentication(namespace: string, mode: PortMtlsMode): IstioObject {
    const what = `PeerAuthentication ${namespace}/${DEFAULT_POLICY_NAME}`;
    parseArgs(dnsLabel, namespace, `${what} namespace`);
    return peerAuthentication(DEFAULT_POLICY_NAME, namespace, { mtls: { mode: parseArgs(overrideMtlsMode, mode, `${what} mtls.mode`) } });
}

/** The warning a DISABLE namespace or workload deserves: it is valid, and probably not what a reviewer wants. */
export function mtlsDisableWarnings(mtls: Pick<MtlsArgs, "namespaces" | "workloads">): string[] {
    const consequence = "plain text is accepted, callers have no verified identity, and AuthorizationPolicies that name principals or namespaces cannot match them";
    return [
        ...Object.entries(mtls.namespaces ?? {}).filter(([, n]) => n.mode === "DISABLE")
            .map(([ns]) => `mTLS is DISABLEd for namespace ${ns}: ${consequence}`),
        ...Object.entries(mtls.workloads ?? {}).filter(([, w]) => w.mode === "DISABLE")
            .map(([name, w]) => `mTLS is DISABLEd for workload policy ${w.namespace}/${name}: ${consequence}`),
    ];
}

/** A workload's own policy, selected by labels, with its port exemptions. */
export function workloadPeerAuthentication(name: string, args: WorkloadMtlsArgs): IstioObject {
    const what = `PeerAuthentication ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const w = parseArgs(workloadMtlsSchema, args, what);
    const ports = Object.entries(w.portLevelMtls ?? {});
    return peerAuthentication(name, w.namespace, {
        selector: w.selector,
        ...(w.mode ? { mtls: { mode: w.mode } } : {}),
        ...(ports.length > 0 ? { portLevelMtls: Object.fromEntries(ports.map(([p, e]) => [p, { mode: e.mode }])) } : {}),
    });
}
