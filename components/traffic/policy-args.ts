import { z } from "zod";
import { duration } from "../common/duration";
import { ClientTLSMode, H2UpgradePolicy, SimpleLB } from "./service-settings";

/**
 * Zod rules of a DestinationRule's traffic policy, in Istio's field names:
 * load balancing, the circuit breaker (connection pool, outlier detection),
 * client TLS and the same per port.
 */

export const INT32_MAX = 2_147_483_647;
const UINT32_MAX = 4_294_967_295;

export const count = (max: number) =>
    z.number().int({ error: "expected a whole number" }).min(0, { error: "expected 0 or more" }).max(max, { error: `expected at most ${max}` });

export const percent = z
    .number()
    .int({ error: "expected a whole number" })
    .min(0, { error: "expected a percentage from 0 to 100" })
    .max(100, { error: "expected a percentage from 0 to 100" });

export const portNumber = z
    .number()
    .int({ error: "expected a whole port number" })
    .min(1, { error: "expected a port number from 1 to 65535" })
    .max(65535, { error: "expected a port number from 1 to 65535" });

export const portSelector = z.strictObject({ number: portNumber });

export const nonEmptyText = z.string().min(1, { error: "expected a non-empty string" });

const exactlyOne = (fields: string[]) => (o: Record<string, unknown>) => fields.filter((f) => o[f] !== undefined && o[f] !== false).length === 1;

const consistentHash = z
    .strictObject({
        httpHeaderName: nonEmptyText.optional(),
        httpCookie: z.strictObject({ name: nonEmptyText, path: z.string().optional(), ttl: duration.optional() }).optional(),
        useSourceIp: z.boolean().optional(),
        httpQueryParameterName: nonEmptyText.optional(),
    })
    .refine(exactlyOne(["httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName"]), {
        error: "expected exactly one of httpHeaderName, httpCookie, useSourceIp: true or httpQueryParameterName",
    });

// A locality is region/zone/subzone; `*` stands for the rest.
const locality = z.string().regex(/^[^/*]+(\/([^/*]+|\*)){0,2}$|^[^/*]+\/\*$|^\*$/, {
    error: "expected a locality region[/zone[/subzone]], with * for the rest, such as us-west/zone1/*",
});

const localityLbSetting = z
    .strictObject({
        enabled: z.boolean().optional(),
        distribute: z.array(z.strictObject({
            from: locality,
            to: z.record(locality, z.number().int().min(0).max(100)).superRefine((to, ctx) => {
                const sum = Object.values(to).reduce((a, b) => a + b, 0);
                if (sum !== 100) ctx.addIssue({ code: "custom", message: `the shares must add up to 100, they add up to ${sum}` });
            }),
        })).min(1).optional(),
        failover: z.array(z.strictObject({ from: nonEmptyText, to: nonEmptyText })
            .refine((f) => f.from !== f.to, { error: "failover to the same region does nothing" })).min(1).optional(),
        failoverPriority: z.array(nonEmptyText).min(1).optional(),
    })
    .refine((l) => !(l.distribute && l.failover), { error: "distribute and failover cannot be used together (Istio refuses both)" });

export const loadBalancer = z
    .strictObject({
        simple: z.enum(SimpleLB, { error: `expected one of ${Object.values(SimpleLB).join(", ")}` }).optional(),
        consistentHash: consistentHash.optional(),
        localityLbSetting: localityLbSetting.optional(),
    })
    .refine((lb) => !(lb.simple && lb.consistentHash), { error: "expected simple or consistentHash, not both" })
    .refine((lb) => lb.simple || lb.consistentHash || lb.localityLbSetting, { error: "expected simple, consistentHash or localityLbSetting" });

export const connectionPool = z
    .strictObject({
        tcp: z
            .strictObject({
                maxConnections: count(INT32_MAX).optional(),
                connectTimeout: duration.optional(),
                idleTimeout: duration.optional(),
                maxConnectionDuration: duration.optional(),
            })
            .refine((t) => Object.keys(t).length > 0, { error: "expected at least one tcp setting" })
            .optional(),
        http: z
            .strictObject({
                http1MaxPendingRequests: count(INT32_MAX).optional(),
                http2MaxRequests: count(INT32_MAX).optional(),
                maxRequestsPerConnection: count(INT32_MAX).optional(),
                maxRetries: count(INT32_MAX).optional(),
                idleTimeout: duration.optional(),
                h2UpgradePolicy: z.enum(H2UpgradePolicy).optional(),
            })
            .optional(),
    })
    .refine((p) => p.tcp !== undefined || p.http !== undefined, { error: "expected tcp or http settings" });

export const outlierDetection = z.strictObject({
    consecutive5xxErrors: count(UINT32_MAX).optional(),
    consecutiveGatewayErrors: count(UINT32_MAX).optional(),
    interval: duration.optional(),
    baseEjectionTime: duration.optional(),
    maxEjectionPercent: percent.optional(),
    minHealthPercent: percent.optional(),
});

export const clientTls = z
    .strictObject({
        mode: z.enum(ClientTLSMode, { error: `expected one of ${Object.values(ClientTLSMode).join(", ")}` }),
        credentialName: nonEmptyText.optional(),
        sni: nonEmptyText.optional(),
        subjectAltNames: z.array(nonEmptyText).min(1).optional(),
    })
    .refine((t) => t.credentialName === undefined || t.mode === "SIMPLE" || t.mode === "MUTUAL", {
        error: "credentialName is for SIMPLE or MUTUAL (TLS origination)", path: ["credentialName"],
    })
    .refine((t) => t.mode !== "MUTUAL" || t.credentialName !== undefined, {
        error: "MUTUAL needs credentialName: the Secret with the client certificate and key", path: ["credentialName"],
    })
    .refine((t) => (t.sni === undefined && t.subjectAltNames === undefined) || t.mode !== "DISABLE", {
        error: "sni and subjectAltNames mean nothing without TLS (mode DISABLE)", path: ["mode"],
    });

const policyFields = {
    loadBalancer: loadBalancer.optional(),
    connectionPool: connectionPool.optional(),
    outlierDetection: outlierDetection.optional(),
    // Only when asked: by default the sidecars negotiate mTLS themselves (auto mTLS).
    tls: clientTls.optional(),
};

const portTrafficPolicy = z.strictObject({ port: portSelector, ...policyFields });

export const trafficPolicy = z.strictObject({
    ...policyFields,
    portLevelSettings: z
        .array(portTrafficPolicy)
        .min(1, { error: "expected at least one port (leave the field out instead)" })
        .refine((ps) => new Set(ps.map((p) => p.port.number)).size === ps.length, { error: "expected each port once" })
        .optional(),
});
