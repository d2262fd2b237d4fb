import { z } from "zod";
import { duration, durationMs } from "../common/duration";
import { labelSelector } from "../common/labels";
import { dnsLabel, schemaOf } from "../common/validation";
import { serviceHost } from "./hosts";
import { retryOn } from "./retry-on";
import { ClientTLSMode, H2UpgradePolicy, MeshServiceArgs } from "./service-settings";

/**
 * The traffic settings of one service, in Istio's own field names: zod schemas
 * shared by the stack config (`istio-mesh:services.<name>`) and the builders'
 * arguments, so the same rule gives the same error wherever a value enters.
 */

const INT32_MAX = 2_147_483_647;
const UINT32_MAX = 4_294_967_295;

const count = (max: number) =>
    z.number().int({ error: "expected a whole number" }).min(0, { error: "expected 0 or more" }).max(max, { error: `expected at most ${max}` });

const percent = z
    .number()
    .int({ error: "expected a whole number" })
    .min(0, { error: "expected a percentage from 0 to 100" })
    .max(100, { error: "expected a percentage from 0 to 100" });

// Subset names are DNS labels (Istio's validateSubsetName).
const subsetName = dnsLabel;

// Envoy's regex engine is RE2: no look-around and no back-references.
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]/;
const regex = z
    .string()
    .min(1, { error: "expected a non-empty regular expression" })
    .max(1024, { error: "expected a regular expression of at most 1024 characters" })
    .refine((re) => !RE2_UNSUPPORTED.test(re), { error: "RE2 (Envoy's regex engine) has no look-around or back-references" })
    .refine((re) => { try { new RegExp(re); return true; } catch { return false; } }, { error: "expected a valid regular expression" });

/** Istio's StringMatch: exactly one of exact, prefix or regex. */
export const stringMatch = z
    .strictObject({
        exact: z.string().min(1, { error: "expected a non-empty string" }).optional(),
        prefix: z.string().min(1, { error: "expected a non-empty string" }).optional(),
        regex: regex.optional(),
    })
    .refine((m) => [m.exact, m.prefix, m.regex].filter((v) => v !== undefined).length === 1, {
        error: "expected exactly one of exact, prefix or regex",
    });

// Istio matches header names in lower case (HTTP/2 sends them so).
const headerName = z.string().regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, {
    error: "expected a lower-case HTTP header name such as x-user-type",
});

/** Istio's HTTPMatchRequest, the parts used here: headers and uri. */
export const httpMatch = z
    .strictObject({
        headers: z.record(headerName, stringMatch).optional(),
        uri: stringMatch.optional(),
    })
    .refine((m) => m.uri !== undefined || Object.keys(m.headers ?? {}).length > 0, {
        error: "expected headers or uri to match on",
    });

/** A rule ahead of the default route: requests matching any `match` go to `subset`. */
export const httpRoute = z.strictObject({
    name: z.string().min(1, { error: "expected a non-empty route name" }).optional(),
    match: z.array(httpMatch).min(1, { error: "expected at least one match" }),
    subset: subsetName,
});

const weight = z
    .number()
    .int({ error: "expected a whole-number weight" })
    .min(0, { error: "expected a weight from 0 to 100" })
    .max(100, { error: "expected a weight from 0 to 100" });

export const canary = z.strictObject({
    weights: z.record(subsetName, weight).superRefine((weights, ctx) => {
        const values = Object.values(weights);
        const sum = values.reduce((a, b) => a + b, 0);
        if (values.length === 0) ctx.addIssue({ code: "custom", message: "expected at least one version with a weight" });
        else if (sum !== 100) ctx.addIssue({ code: "custom", message: `weights must add up to 100, they add up to ${sum}` });
    }),
});

export const retries = z
    .strictObject({
        attempts: count(INT32_MAX),
        perTryTimeout: duration.optional(),
        retryOn: retryOn.optional(),
    })
    .refine((r) => r.attempts > 0 || (r.perTryTimeout === undefined && r.retryOn === undefined), {
        error: "attempts: 0 turns retries off; perTryTimeout and retryOn need attempts of 1 or more",
    });

export const connectionPool = z
    .strictObject({
        tcp: z.strictObject({ maxConnections: count(INT32_MAX) }).optional(),
        http: z
            .strictObject({
                http1MaxPendingRequests: count(INT32_MAX).optional(),
                http2MaxRequests: count(INT32_MAX).optional(),
                maxRequestsPerConnection: count(INT32_MAX).optional(),
                h2UpgradePolicy: z.enum(H2UpgradePolicy).optional(),
            })
            .optional(),
    })
    .refine((p) => p.tcp !== undefined || p.http !== undefined, { error: "expected tcp or http settings" });

export const outlierDetection = z.strictObject({
    consecutive5xxErrors: count(UINT32_MAX).optional(),
    interval: duration.optional(),
    baseEjectionTime: duration.optional(),
    maxEjectionPercent: percent.optional(),
});

export const trafficPolicy = z.strictObject({
    connectionPool: connectionPool.optional(),
    outlierDetection: outlierDetection.optional(),
    // Only when asked: by default the sidecars negotiate mTLS themselves (auto mTLS).
    tls: z.strictObject({ mode: z.enum(ClientTLSMode) }).optional(),
});

/** Where the rules are visible: `.` (own namespace), `*` (everywhere) or namespace names. */
export const exportTo = z
    .array(z.union([z.literal("."), z.literal("*"), dnsLabel], { error: "expected \".\", \"*\" or a namespace name" }))
    .min(1, { error: "expected at least one namespace" })
    .refine((list) => new Set(list).size === list.length, { error: "expected no duplicate entries" })
    .refine((list) => !list.includes("*") || list.length === 1, { error: "\"*\" (everywhere) cannot be combined with other entries" });

const trafficShape = {
    exportTo: exportTo.optional(),
    /** Subset name -> pod labels, e.g. `v1: {version: v1}`. */
    versions: z.record(subsetName, labelSelector).optional(),
    canary: canary.optional(),
    routes: z.array(httpRoute).optional(),
    mirror: z.strictObject({ subset: subsetName }).optional(),
    mirrorPercentage: z.strictObject({
        value: z.number().min(0, { error: "expected a percentage from 0 to 100" }).max(100, { error: "expected a percentage from 0 to 100" }),
    }).optional(),
    timeout: duration.optional(),
    retries: retries.optional(),
    trafficPolicy: trafficPolicy.optional(),
};

type Shape = z.infer<z.ZodObject<typeof trafficShape>>;

function notAVersion(versions: Record<string, unknown>): string {
    const declared = Object.keys(versions);
    return `is not a declared version (declared: ${declared.length ? declared.join(", ") : "none"})`;
}

// Rules that span fields: every route target is a declared version (so a
// subset can never be removed while a route points at it), and the default
// route is explicit whenever there are versions.
function checkTraffic(t: Shape, ctx: z.RefinementCtx): void {
    const versions = t.versions ?? {};
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const subset of Object.keys(t.canary?.weights ?? {})) {
        if (!(subset in versions)) problem(["canary", "weights", subset], notAVersion(versions));
    }
    if (Object.keys(versions).length > 0 && t.canary === undefined) {
        problem(["canary"], "is required when versions are declared: canary.weights says which versions get the default route");
    }
    t.routes?.forEach((r, i) => {
        if (!(r.subset in versions)) problem(["routes", i, "subset"], notAVersion(versions));
    });
    if (t.mirror && !(t.mirror.subset in versions)) problem(["mirror", "subset"], notAVersion(versions));
    if (t.mirrorPercentage && !t.mirror) problem(["mirrorPercentage"], "needs mirror (the version that receives the copies)");
    // Istio accepts 0 or at least 0.0001 (one in a million).
    if (t.mirrorPercentage && t.mirrorPercentage.value > 0 && t.mirrorPercentage.value < 0.0001) {
        problem(["mirrorPercentage", "value"], "expected 0 or at least 0.0001");
    }
    const seen = new Map<string, string>();
    for (const [name, labels] of Object.entries(versions)) {
        const key = JSON.stringify(Object.entries(labels).sort());
        const other = seen.get(key);
        if (other !== undefined) problem(["versions", name], `selects the same pods as version ${other}`);
        seen.set(key, name);
    }
}

/** Arguments of the builders: the traffic settings and the host exactly as the objects carry it. */
export const trafficArgs = z.strictObject({ host: serviceHost, ...trafficShape }).superRefine(checkTraffic);

/** A service in stack config: its namespace, an optional host, and its traffic settings. */
export const meshServiceArgs = schemaOf<MeshServiceArgs>()(z
    .strictObject({
        name: dnsLabel.optional(),
        namespace: dnsLabel,
        host: serviceHost.optional(),
        ...trafficShape,
    })
    .superRefine(checkTraffic)
    // Istio reads "." as the rules' own namespace, and refuses both together.
    .refine((s) => !(s.exportTo?.includes(".") && s.exportTo.includes(s.namespace)), {
        error: "lists the service's own namespace twice (\".\" is the own namespace)",
        path: ["exportTo"],
    }));

export type TrafficArgs = z.infer<typeof trafficArgs>;

/**
 * The warning (not an error) for retries that cannot all run: attempts x
 * perTryTimeout longer than the route's timeout means the last attempts are
 * cut short by the timeout.
 */
export function retryBudgetWarning(t: Pick<Shape, "timeout" | "retries">): string | undefined {
    const { timeout, retries: r } = t;
    if (!timeout || !r?.perTryTimeout || r.attempts === 0) return undefined;
    const total = r.attempts * (durationMs(r.perTryTimeout) ?? 0);
    const limit = durationMs(timeout) ?? Infinity;
    if (total <= limit) return undefined;
    return `retries.attempts x retries.perTryTimeout (${r.attempts} x ${r.perTryTimeout} = ${total}ms) exceeds timeout ${timeout}: ` +
        "the timeout ends the request before the last retries can run";
}
