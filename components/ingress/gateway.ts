import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import { matchLabels } from "../security/match";
import type { IstioObject } from "../security/istio-object";
import { NETWORKING_API_VERSION } from "../egress/service-entry";
import { wildcardHost } from "../traffic/hosts";
import { portNumber } from "../traffic/policy-args";

/**
 * An Istio Gateway on an installed ingress gateway: the ports, protocols and
 * hosts it serves, TLS with a certificate from a Secret (`credentialName`),
 * and the redirect of plain HTTP to HTTPS.
 */

export const ServerTLSMode = { SIMPLE: "SIMPLE", MUTUAL: "MUTUAL", PASSTHROUGH: "PASSTHROUGH", ISTIO_MUTUAL: "ISTIO_MUTUAL" } as const;
/** How the gateway handles TLS: terminate (SIMPLE), terminate and ask for a client certificate (MUTUAL), or pass it through. */
export type ServerTLSMode = (typeof ServerTLSMode)[keyof typeof ServerTLSMode];

const PROTOCOLS = ["HTTP", "HTTPS", "GRPC", "HTTP2", "TCP", "TLS"] as const;

/** Istio's Port of a Gateway server. */
export interface GatewayPort {
    number: number;
    /** HTTP, HTTPS, GRPC, HTTP2, TCP or TLS. */
    protocol: string;
    name: string;
}

/** Istio's ServerTLSSettings, the parts used here. */
export interface ServerTLSSettings {
    /**
     * On a plain HTTP server: answer every request with a redirect to HTTPS.
     * @default Istio's: `false`
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-https_redirect
     */
    httpsRedirect?: boolean;
    /**
     * SIMPLE, MUTUAL, PASSTHROUGH and the others of Istio's ServerTLSSettings.TLSmode.
     * @default none (required on HTTPS and TLS servers, not allowed on others)
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-mode
     */
    mode?: ServerTLSMode;
    /**
     * The Secret (in the gateway's namespace) with the server certificate, key and, for MUTUAL, the CA.
     * @default none (required with SIMPLE and MUTUAL)
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings-credential_name
     */
    credentialName?: string;
}

/** Istio's Server. */
export interface GatewayServer {
    port: GatewayPort;
    /** Hosts served: `myapp.example.com`, `*.example.com`, `*`, optionally as `<namespace>/<host>`. */
    hosts: string[];
    /**
     * TLS of an HTTPS or TLS server.
     * @default none (required on HTTPS and TLS servers)
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
     */
    tls?: ServerTLSSettings;
    /**
     * A name unique across the gateway's servers, used as a prefix of its stats.
     * @default none (the server has no name)
     * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server-name
     */
    name?: string;
}

/** One Gateway. */
export interface GatewayArgs {
    namespace: string;
    /** Pod labels of the ingress gateway that serves it, such as `{istio: ingressgateway}`. */
    selector: Record<string, string>;
    servers: GatewayServer[];
}

const gatewayHost = z.string().refine((h) => {
    const slash = h.indexOf("/");
    const [ns, host] = slash < 0 ? [undefined, h] : [h.slice(0, slash), h.slice(slash + 1)];
    return (ns === undefined || ns === "." || ns === "*" || dnsLabel.safeParse(ns).success) && wildcardHost.safeParse(host).success;
}, { error: "expected a host such as myapp.example.com, *.example.com or *, optionally as <namespace>/<host>" });

const TERMINATING = new Set(["SIMPLE", "MUTUAL"]);

/** @internal Istio's Port, as Gateway servers and Sidecar listeners take it. */
export const serverPort = schemaOf<GatewayPort>()(z.strictObject({
    number: portNumber,
    protocol: z.string().transform((p) => p.toUpperCase()).pipe(z.enum(PROTOCOLS, { error: `expected one of ${PROTOCOLS.join(", ")}` })),
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "expected a port name such as http or https" }),
}));

const server = z
    .strictObject({
        port: serverPort,
        hosts: z.array(gatewayHost).min(1, { error: "expected at least one host" }),
        tls: z
            .strictObject({
                httpsRedirect: z.boolean().optional(),
                mode: z.enum(ServerTLSMode, { error: `expected one of ${Object.values(ServerTLSMode).join(", ")}` }).optional(),
                credentialName: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: "expected a Secret name" }).optional(),
            })
            .optional(),
        name: z.string().min(1).optional(),
    })
    .superRefine((s, ctx) => {
        const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
        const secure = s.port.protocol === "HTTPS" || s.port.protocol === "TLS";
        if (secure && s.tls?.mode === undefined) problem(["tls", "mode"], `a ${s.port.protocol} server needs tls.mode (SIMPLE, MUTUAL or PASSTHROUGH)`);
        if (!secure && s.tls?.mode !== undefined) problem(["tls", "mode"], `a ${s.port.protocol} server does not do TLS; use protocol HTTPS or TLS`);
        if (s.tls?.mode !== undefined && TERMINATING.has(s.tls.mode) && s.tls.credentialName === undefined) {
            problem(["tls", "credentialName"], `${s.tls.mode} needs credentialName: the Secret with the server certificate`);
        }
        if (s.tls?.httpsRedirect && s.port.protocol !== "HTTP") problem(["tls", "httpsRedirect"], "is for a plain HTTP server");
    });

/** @internal */
export const gatewaySchema = schemaOf<GatewayArgs>()(z
    .strictObject({
        namespace: dnsLabel,
        selector: matchLabels,
        servers: z.array(server).min(1, { error: "expected at least one server" })
            .refine((ss) => new Set(ss.map((s) => s.port.number)).size === ss.length || ss.every((s) => s.port.protocol === "HTTPS"), {
                error: "two servers on one port must both be HTTPS (told apart by host)",
            }),
    }));

export function gateway(name: string, args: GatewayArgs): IstioObject {
    const what = `Gateway ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const { namespace, ...spec } = parseArgs(gatewaySchema, args, what);
    return { apiVersion: NETWORKING_API_VERSION, kind: "Gateway", metadata: { name, namespace }, spec };
}
