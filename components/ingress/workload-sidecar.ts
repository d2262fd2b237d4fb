import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import type { IstioObject } from "../security/istio-object";
import { matchLabels } from "../security/match";
import { NETWORKING_API_VERSION } from "../egress/service-entry";
import { GatewayPort, serverPort } from "./gateway";

/**
 * A workload's Sidecar with ingress listeners: the ports its proxy accepts
 * traffic on, where it forwards it, and TLS terminated by the proxy itself for
 * clients outside the mesh (istio.io's "Ingress Sidecar TLS Termination"),
 * without an ingress gateway in between.
 */

export const SidecarTLSMode = { SIMPLE: "SIMPLE", MUTUAL: "MUTUAL" } as const;
/** TLS a sidecar terminates: server certificate only (SIMPLE), or a client certificate asked for too (MUTUAL). */
export type SidecarTLSMode = (typeof SidecarTLSMode)[keyof typeof SidecarTLSMode];

/**
 * Istio's ServerTLSSettings as a sidecar reads them: files mounted into the proxy
 * (a sidecar reads no `credentialName`, which is for gateways; mount the Secret
 * with the `sidecar.istio.io/userVolume` annotations).
 */
export interface SidecarTLSSettings {
    mode: SidecarTLSMode;
    /** Path of the server certificate in the proxy container, such as `/etc/istio/tls-certs/tls.crt`. */
    serverCertificate: string;
    /** Path of its private key in the proxy container. */
    privateKey: string;
    /**
     * Path of the CA bundle client certificates are checked against; MUTUAL only, and required there.
     * @default none (required with MUTUAL, not allowed otherwise)
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-ca_certificates
     */
    caCertificates?: string;
}

/** Istio's IstioIngressListener. */
export interface SidecarIngressListener {
    /** The workload port (a Service's targetPort) the listener takes. */
    port: GatewayPort;
    /**
     * Where the proxy forwards the traffic: `0.0.0.0:<port>` or `127.0.0.1:<port>` of the application, or `unix://<path>`.
     * @default none (Istio picks the endpoint)
     * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioIngressListener-default_endpoint
     */
    defaultEndpoint?: string;
    /**
     * Terminate TLS here for clients outside the mesh (istiod needs ENABLE_TLS_ON_SIDECAR_INGRESS).
     * @default none (the proxy terminates no TLS)
     * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioIngressListener-tls
     */
    tls?: SidecarTLSSettings;
}

/** Istio's WorkloadSelector of a Sidecar: the pod labels of the workloads it applies to. */
export interface SidecarWorkloadSelector {
    labels: Record<string, string>;
}

/** A Sidecar for the workloads a selector picks. */
export interface WorkloadSidecarArgs {
    namespace: string;
    workloadSelector: SidecarWorkloadSelector;
    ingress: SidecarIngressListener[];
}

const filePath = z.string().regex(/^\/\S+$/, { error: "expected an absolute path in the proxy container, such as /etc/istio/tls-certs/tls.crt" });

const tls = z
    .strictObject({
        mode: z.enum(SidecarTLSMode, { error: `expected one of ${Object.values(SidecarTLSMode).join(", ")} (what a sidecar terminates)` }),
        serverCertificate: filePath,
        privateKey: filePath,
        caCertificates: filePath.optional(),
    })
    .superRefine((t, ctx) => {
        if (t.mode === "MUTUAL" && t.caCertificates === undefined) {
            ctx.addIssue({ code: "custom", path: ["caCertificates"], message: "MUTUAL needs caCertificates: the CA that signs the client certificates" });
        }
        if (t.mode === "SIMPLE" && t.caCertificates !== undefined) {
            ctx.addIssue({ code: "custom", path: ["caCertificates"], message: "is for MUTUAL only: SIMPLE asks for no client certificate" });
        }
    });

// An IP:port (IPv4 or [IPv6]) or a Unix domain socket, as Istio accepts for defaultEndpoint.
const defaultEndpoint = z.string().refine((e) => /^unix:\/\/\S+$/.test(e) || /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):\d{1,5}$/.test(e), {
    error: "expected <IP>:<port> such as 0.0.0.0:80 or 127.0.0.1:8080, or unix://<path>",
});

const listener = z
    .strictObject({
        port: serverPort,
        defaultEndpoint: defaultEndpoint.optional(),
        tls: tls.optional(),
    })
    .superRefine((l, ctx) => {
        // TLS ends at the proxy: what the listener serves is HTTPS (or TLS for other protocols).
        if (l.tls !== undefined && l.port.protocol !== "HTTPS" && l.port.protocol !== "TLS") {
            ctx.addIssue({ code: "custom", path: ["port", "protocol"], message: `a listener that terminates TLS serves HTTPS or TLS, not ${l.port.protocol}` });
        }
    });

/** @internal */
export const workloadSidecarSchema = schemaOf<WorkloadSidecarArgs>()(z.strictObject({
    namespace: dnsLabel,
    // Without a selector the Sidecar would be the namespace's (istio-mesh:egress.sidecars).
    workloadSelector: z.strictObject({ labels: matchLabels }),
    ingress: z.array(listener).min(1, { error: "expected at least one ingress listener" })
        .refine((ls) => new Set(ls.map((l) => l.port.number)).size === ls.length, { error: "two listeners on one port" }),
}));

export function workloadSidecar(name: string, args: WorkloadSidecarArgs): IstioObject {
    const what = `Sidecar ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const { namespace, ...spec } = parseArgs(workloadSidecarSchema, args, what);
    return { apiVersion: NETWORKING_API_VERSION, kind: "Sidecar", metadata: { name, namespace }, spec };
}

/** Whether any listener terminates TLS: then istiod must run with ENABLE_TLS_ON_SIDECAR_INGRESS. */
export function terminatesTls(sidecars: Readonly<Record<string, WorkloadSidecarArgs>>): boolean {
    return Object.values(sidecars).some((s) => s.ingress.some((l) => l.tls !== undefined));
}
