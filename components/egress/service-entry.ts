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
    /**
     * The port on the endpoints that takes the traffic.
     * @default Istio's: the port's `number`
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort-target_port
     */
    targetPort?: number;
}

/** Istio's WorkloadEntry as a ServiceEntry endpoint: where a STATIC entry sends traffic. */
export interface ServiceEndpoint {
    /** An IP address (or a host name with DNS resolution). */
    address: string;
    /**
     * Port name -> the endpoint's port, where it differs from the entry's.
     * @default Istio's: the entry's port numbers
     * @see https://istio.io/latest/docs/reference/config/networking/workload-entry/#WorkloadEntry-ports
     */
    ports?: Record<string, number>;
}

/** One ServiceEntry. */
export interface ServiceEntryArgs {
    namespace: string;
    hosts: string[];
    /**
     * Virtual IPs or CIDRs of the service (a TCP service outside the mesh is told apart by address, not host).
     * @default none (told apart by host)
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-addresses
     */
    addresses?: string[];
    ports: ServicePort[];
    /**
     * How the proxy finds the hosts' addresses.
     * @default Istio's: `NONE`
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-resolution
     */
    resolution?: ServiceEntryResolution;
    /**
     * The endpoints of a STATIC entry.
     * @default none (the hosts' own addresses)
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-endpoints
     */
    endpoints?: ServiceEndpoint[];
    /**
     * Whether the service is outside the mesh or part of it.
     * @default Istio's: `MESH_EXTERNAL`
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-location
     */
    location?: ServiceEntryLocation;
    /**
     * Where the entry is visible: `.` (own namespace), `*` or namespace names.
     * @default Istio's: every namespace
     * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-export_to
     */
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
        addresses: z.array(z.string().regex(/^[0-9.:a-fA-F]+(\/[0-9]{1,3})?$/, { error: "expected an IP or CIDR such as 10.0.0.10/32" }))
            .min(1, { error: "expected at least one address (leave the field out instead)" }).optional(),
        ports: z.array(servicePort).min(1, { error: "expected at least one port" })
            .refine((ps) => new Set(ps.map((p) => p.number)).size === ps.length, { error: "expected each port number once" })
            .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, { error: "expected each port name once" }),
        resolution: z.enum(ServiceEntryResolution, { error: `expected one of ${Object.values(ServiceEntryResolution).join(", ")}` }).optional(),
        endpoints: z.array(z.strictObject({
            address: z.string().min(1, { error: "expected an IP address" }),
            ports: z.record(z.string().min(1), portNumber).optional(),
        })).min(1, { error: "expected at least one endpoint (leave the field out instead)" }).optional(),
        location: z.enum(ServiceEntryLocation, { error: `expected one of ${Object.values(ServiceEntryLocation).join(", ")}` }).optional(),
        exportTo: exportTo.optional(),
    })
    // Istio refuses DNS resolution of a wildcard host: there is no name to look up.
    .refine((e) => !(e.resolution?.startsWith("DNS") && e.hosts.some((h) => h.startsWith("*"))), {
        error: "a wildcard host cannot be resolved by DNS; use resolution NONE", path: ["resolution"],
    })
    // Istio refuses a STATIC entry without endpoints: there would be nowhere to send traffic.
    .refine((e) => e.resolution !== "STATIC" || e.endpoints !== undefined, {
        error: "STATIC needs endpoints (the addresses to send traffic to)", path: ["endpoints"],
    })
    // The CRD's own rules, stated here so the error names the config key.
    .refine((e) => !((e.resolution ?? "NONE") === "NONE" && e.endpoints !== undefined), {
        error: "resolution NONE (the default) takes no endpoints; use STATIC or DNS", path: ["endpoints"],
    })
    .refine((e) => !(e.resolution === "DNS_ROUND_ROBIN" && (e.endpoints?.length ?? 0) > 1), {
        error: "DNS_ROUND_ROBIN takes at most one endpoint", path: ["endpoints"],
    })
    .refine((e) => !(e.resolution?.startsWith("DNS") && e.addresses?.some((a) => a.includes("/"))), {
        error: "CIDR addresses need resolution NONE or STATIC", path: ["addresses"],
    }));

export function serviceEntry(name: string, args: ServiceEntryArgs): IstioObject {
    const what = `ServiceEntry ${args?.namespace ?? "?"}/${name}`;
    parseArgs(dnsLabel, name, `${what} name`);
    const { namespace, ...spec } = parseArgs(serviceEntrySchema, args, what);
    return { apiVersion: NETWORKING_API_VERSION, kind: "ServiceEntry", metadata: { name, namespace }, spec };
}
