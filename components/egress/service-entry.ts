import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import type { IstioObject } from "../security/istio-object";
import { wildcardHost } from "../traffic/hosts";
import { exportTo } from "../traffic/args";
import { portNumber } from "../traffic/policy-args";

/**
 * ServiceEntry: a host outside the mesh's registry (an external API, a
 * database outside the cluster) made known to the sidecars, so routes,
 * timeouts and TLS origination can apply to it and REGISTRY_ONLY lets it
 * through.
 */

export const NETWORKING_API_VERSION = "networking.istio.io/v1";

export const ServiceEntryResolution = { NONE: "NONE", STATIC: "STATIC", DNS: "DNS", DNS_ROUND_ROBIN: "DNS_ROUND_ROBIN" } as const;
/** How the sidecar finds the endpoints: Istio's ServiceEntry.Resolution. */
export type ServiceEntryResolution = (typeof ServiceEntryResolution)[keyof typeof ServiceEntryResolution];

export const ServiceEntryLocation = { MESH_EXTERNAL: "MESH_EXTERNAL", MESH_INTERNAL: "MESH_INTERNAL" } as const;
/** Whether the host is outside the mesh (no sidecar, no mTLS) or inside it. */
export type ServiceEntryLocation = (typeof ServiceEntryLocation)[keyof typeof ServiceEntryLocation];

const PROTOCOLS = ["HTTP", "HTTPS", "GRPC", "HTTP2", "MONGO", "TCP", "TLS"] as const;

/** Istio's ServicePort. */
export interface ServicePort {
    number: number;
    /** Istio's protocol, such as HTTP, HTTPS, TLS or TCP. */
    protocol: string;
    name: string;
    targetPort?: number;
}

/** One ServiceEntry. */
export interface ServiceEntryArgs {
    namespace: string;
    hosts: string[];
    ports: ServicePort[];
    resolution: ServiceEntryResolution;
    location?: ServiceEntryLocation;
    /** Where the entry is visible; the whole mesh when left out (Istio's default). */
    exportTo?: string[];
}

const servicePort = z.strictObject({
    number: portNumber,
    protocol: z.string().transform((p) => p.toUpperCase()).pipe(z.enum(PROTOCOLS, { error: `expected one of ${PROTOCOLS.join(", ")}` })),
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: "expected a port name such as http or https" }),
    targetPort: portNumber.optional(),
});

/** @internal */
export const serviceEntrySchema = schemaOf<ServiceEntryArgs>()(z
    .strictObject({
        namespace: dnsLabel,
        hosts: z.array(wildcardHost).min(1, { error: "expected at least one host" })
            .refine((hs) => new Set(hs).size === hs.length, { error: "expected each host once" }),
        ports: z.array(servicePort).min(1, { error: "expected at least one port" })
            .refine((ps) => new Set(ps.map((p) => p.number)).size === ps.length, { error: "expected each port number once" })
            .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, { error: "expected each port name once" }),
        resolution: z.enum(ServiceEntryResolution, { error: `expected one of ${Object.values(ServiceEntryResolution).join(", ")}` }),
        location: z.enum(ServiceEntryLocation, { error: `expected one of ${Object.values(ServiceEntryLocation).join(", ")}` }).optional(),
        exportTo: exportTo.optional(),
    })
    // Istio refuses DNS resolution of a wildcard host: there is no name to look up.
    .refine((e) => !(e.resolution.startsWith("DNS") && e.hosts.some((h) => h.startsWith("*"))), {
        error: "a wildcard host cannot be resolved by DNS; use resolution NONE", path: ["resolution"],
    }));

export function serviceEntry(name: string, args: ServiceEntryArgs): IstioObject {
    const what = `ServiceEntry ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const { namespace, ...spec } = parseArgs(serviceEntrySchema, args, what);
    return { apiVersion: NETWORKING_API_VERSION, kind: "ServiceEntry", metadata: { name, namespace }, spec };
}
