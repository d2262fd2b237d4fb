import { z } from "zod";
import { ArgsError, parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import type { IstioObject } from "../security/istio-object";
import type { GatewayServer } from "./gateway";

/**
 * cert-manager Certificates for a Gateway's TLS servers: one per
 * `credentialName`, written to the Secret of that name in the gateway's
 * namespace, for the server's hosts. cert-manager renews it; the gateway
 * reloads it from the Secret.
 */

export const IssuerRefKind = { Issuer: "Issuer", ClusterIssuer: "ClusterIssuer" } as const;
/** An Issuer of the gateway's namespace, or a ClusterIssuer. */
export type IssuerRefKind = (typeof IssuerRefKind)[keyof typeof IssuerRefKind];

/** cert-manager's reference to an issuer. */
export interface IssuerRef {
    name: string;
    kind: IssuerRefKind;
}

/** The cert-manager issuer that signs a gateway's certificates. */
export interface GatewayCertificateArgs {
    issuerRef: IssuerRef;
}

/** @internal */
export const gatewayCertificateSchema = schemaOf<GatewayCertificateArgs>()(z.strictObject({
    issuerRef: z.strictObject({
        name: z.string().min(1, { error: "expected the issuer's name" }),
        kind: z.enum(IssuerRefKind, { error: "expected Issuer or ClusterIssuer" }),
    }),
}));

const bareHost = (h: string) => h.slice(h.indexOf("/") + 1);

/** One Certificate per credentialName of the servers; throws when a server's hosts cannot be certified. */
export function gatewayCertificates(gatewayName: string, namespace: string, servers: readonly GatewayServer[], args: GatewayCertificateArgs): IstioObject[] {
    const what = `Gateway ${namespace}/${gatewayName} certificate`;
    parseArgs(dnsLabel, namespace, `${what} namespace`);
    const { issuerRef } = parseArgs(gatewayCertificateSchema, args, what);
    const hostsBySecret = new Map<string, Set<string>>();
    for (const s of servers) {
        const secret = s.tls?.credentialName;
        if (secret === undefined) continue;
        const hosts = s.hosts.map(bareHost);
        if (hosts.includes("*")) throw new ArgsError(what, [`server ${s.port.name} serves "*"; a certificate needs named hosts (or *.domain)`]);
        const set = hostsBySecret.get(secret) ?? new Set<string>();
        hosts.forEach((h) => set.add(h));
        hostsBySecret.set(secret, set);
    }
    if (hostsBySecret.size === 0) throw new ArgsError(what, ["no server has tls.credentialName, so there is no Secret to write the certificate to"]);
    return [...hostsBySecret].map(([secretName, hosts]) => ({
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: secretName, namespace },
        spec: { secretName, dnsNames: [...hosts], issuerRef: { ...issuerRef, group: "cert-manager.io" } },
    }));
}
