import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel } from "../common/validation";
import { IstioObject } from "./istio-object";
import { port, workloadSelector } from "./match";

/**
 * PeerAuthentication builders: the mesh-wide policy (`default` in the root
 * namespace), per-namespace overrides (`default` in the namespace) and
 * per-workload policies with explicit port exemptions.
 */

const API_VERSION = "security.istio.io/v1";
/** Istio reads the policy named `default` as the mesh-wide (root namespace) or namespace-wide one. */
export const DEFAULT_POLICY_NAME = "default";

export const MTLS_MODES = ["STRICT", "PERMISSIVE"] as const;
export type MtlsMode = (typeof MTLS_MODES)[number];

// DISABLE is only for a single port, with a reason: a whole workload without mTLS loses its identity for authorization.
export const PORT_MTLS_MODES = ["STRICT", "PERMISSIVE", "DISABLE"] as const;

export const mtlsMode = z.enum(MTLS_MODES, { error: `expected one of ${MTLS_MODES.join(", ")}` });

const portExemption = z.strictObject({
    mode: z.enum(PORT_MTLS_MODES, { error: `expected one of ${PORT_MTLS_MODES.join(", ")}` }),
    /** Why the port differs from the workload; kept in the stack file, where reviewers read it. */
    reason: z.string().trim().min(1, { error: "every port exemption needs a reason" }),
});

export const workloadMtlsSchema = z
    .strictObject({
        namespace: dnsLabel,
        selector: workloadSelector,
        /** The workload's mode; inherits the namespace's (or mesh's) when left out. */
        mode: mtlsMode.optional(),
        portLevelMtls: z.record(port, portExemption).optional(),
    })
    .refine((w) => w.mode !== undefined || (w.portLevelMtls !== undefined && Object.keys(w.portLevelMtls).length > 0), {
        error: "set mode or at least one portLevelMtls entry, or the policy changes nothing",
    });

export type WorkloadMtlsArgs = z.input<typeof workloadMtlsSchema>;

export const mtlsSchema = z.strictObject({
    /** Mesh-wide mode: the `default` PeerAuthentication in the root namespace. */
    mode: mtlsMode,
    /** Per-namespace overrides. */
    namespaces: z.record(dnsLabel, z.strictObject({ mode: mtlsMode })).default({}),
    /** Per-workload policies, by policy name. */
    workloads: z.record(dnsLabel, workloadMtlsSchema).default({}),
});

export type MtlsArgs = z.input<typeof mtlsSchema>;

function peerAuthentication(name: string, namespace: string, spec: Record<string, unknown>): IstioObject {
    return { apiVersion: API_VERSION, kind: "PeerAuthentication", metadata: { name, namespace }, spec };
}

/**
 * `default` in a namespace: in the root namespace (istio-system) the mode for
 * the whole mesh, anywhere else an override for that namespace.
 */
export function defaultPeerAuthentication(namespace: string, mode: MtlsMode): IstioObject {
    const what = `PeerAuthentication ${namespace}/${DEFAULT_POLICY_NAME}`;
    parseArgs(dnsLabel, namespace, `${what} namespace`);
    return peerAuthentication(DEFAULT_POLICY_NAME, namespace, { mtls: { mode: parseArgs(mtlsMode, mode, `${what} mtls.mode`) } });
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
