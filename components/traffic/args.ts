import { z } from "zod";
import { durationMs } from "../common/duration";
import { labelKey, labelValue } from "../common/labels";
import { dnsLabel, schemaOf } from "../common/validation";
import { workloadSelector } from "../security/match";
import { serviceHost, wildcardHost } from "./hosts";
import { trafficPolicy } from "./policy-args";
import { destination, gatewayName, httpRoute, percentage, routeSettings, subsetName, tcpRoute, tlsRoute, weight } from "./route-args";
import type { MeshServiceArgs } from "./service-settings";

/**
 * The traffic settings of one service, in Istio's own field names: zod schemas
 * shared by the stack config (`istio-mesh:services.<name>`) and the builders'
 * arguments, so the same rule gives the same error wherever a value enters.
 */

// A service's canary split: version -> weight, adding up to 100.
/** @internal */
export const canary = z.strictObject({
    weights: z.record(subsetName, weight).superRefine((weights, ctx) => {
        const values = Object.values(weights);
        const sum = values.reduce((a, b) => a + b, 0);
        if (values.length === 0) ctx.addIssue({ code: "custom", message: "expected at least one version with a weight" });
        else if (sum !== 100) ctx.addIssue({ code: "custom", message: `weights must add up to 100, they add up to ${sum}` });
    }),
});

/**
 * Where the rules are visible: `.` (own namespace), `*` (everywhere) or namespace names.
 * @internal
 */
export const exportTo = z
    .array(z.union([z.literal("."), z.literal("*"), dnsLabel], { error: "expected \".\", \"*\" or a namespace name" }))
    .min(1, { error: "expected at least one namespace" })
    .refine((list) => new Set(list).size === list.length, { error: "expected no duplicate entries" })
    .refine((list) => !list.includes("*") || list.length === 1, { error: "\"*\" (everywhere) cannot be combined with other entries" });

const trafficShape = {
    hosts: z.array(wildcardHost).min(1, { error: "expected at least one host (leave the field out instead)" }).optional(),
    gateways: z.array(gatewayName).min(1, { error: "expected at least one gateway (leave the field out instead)" })
        .refine((gs) => new Set(gs).size === gs.length, { error: "expected each gateway once" }).optional(),
    exportTo: exportTo.optional(),
    /**
     * Subset name -> pod labels, e.g. `v1: {version: v1}`. No labels (`{}`): a subset of every
     * endpoint, which a route can still name (Istio's egress gateway tasks route to such a subset).
     */
    versions: z.record(subsetName, z.record(labelKey, labelValue)).optional(),
    /** Pods whose sidecars apply the DestinationRule (Istio's `workloadSelector`); every caller when left out. */
    workloadSelector: workloadSelector.optional(),
    subsetTrafficPolicy: z.record(subsetName, trafficPolicy).optional(),
    canary: canary.optional(),
    routes: z.array(httpRoute).optional(),
    tcp: z.array(tcpRoute).min(1, { error: "expected at least one TCP route (leave the field out instead)" }).optional(),
    tls: z.array(tlsRoute).min(1, { error: "expected at least one TLS route (leave the field out instead)" }).optional(),
    defaultRoute: z.boolean().optional(),
    mirror: destination.optional(),
    mirrorPercentage: percentage.optional(),
    ...routeSettings,
    trafficPolicy: trafficPolicy.optional(),
};

type Shape = z.infer<z.ZodObject<typeof trafficShape>>;

function notAVersion(versions: Record<string, unknown>): string {
    const declared = Object.keys(versions);
    return `is not a declared version (declared: ${declared.length ? declared.join(", ") : "none"})`;
}

type Target = { host?: string; subset?: string };

// Rules that span fields: every subset a destination of the service's own host
// names is a declared version (so a version can never be removed while a
// route points at it), and two versions never select the same pods.
function checkTraffic(t: Shape, ctx: z.RefinementCtx): void {
    const versions = t.versions ?? {};
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const checkTarget = (target: Target | undefined, path: PropertyKey[]) => {
        if (target?.subset !== undefined && target.host === undefined && !(target.subset in versions)) {
            problem([...path, "subset"], notAVersion(versions));
        }
    };
    for (const subset of Object.keys(t.canary?.weights ?? {})) {
        if (!(subset in versions)) problem(["canary", "weights", subset], notAVersion(versions));
    }
    for (const subset of Object.keys(t.subsetTrafficPolicy ?? {})) {
        if (!(subset in versions)) problem(["subsetTrafficPolicy", subset], notAVersion(versions));
    }
    t.routes?.forEach((r, i) => {
        if (r.subset !== undefined) checkTarget({ subset: r.subset }, ["routes", i]);
        r.route?.forEach((d, j) => checkTarget(d.destination, ["routes", i, "route", j, "destination"]));
        checkTarget(r.mirror, ["routes", i, "mirror"]);
    });
    t.tcp?.forEach((r, i) => r.route.forEach((d, j) => checkTarget(d.destination, ["tcp", i, "route", j, "destination"])));
    t.tls?.forEach((r, i) => r.route.forEach((d, j) => checkTarget(d.destination, ["tls", i, "route", j, "destination"])));
    checkTarget(t.mirror, ["mirror"]);
    if (t.defaultRoute === false) {
        if (!t.routes) problem(["defaultRoute"], "false needs routes: without them and the default route the service has no HTTP route");
        for (const key of ["canary", "mirror"] as const) {
            if (t[key] !== undefined) problem([key], "applies to the default route, which defaultRoute: false leaves out");
        }
    }
    if (t.mirrorPercentage && !t.mirror) problem(["mirrorPercentage"], "needs mirror (where the copies go)");
    // Istio refuses "*" for the sidecars: it would capture every host of the mesh.
    if (t.hosts?.includes("*") && (t.gateways === undefined || t.gateways.includes("mesh"))) {
        problem(["hosts"], "\"*\" is only for gateways: list gateways without mesh, or name the hosts");
    }
    const seen = new Map<string, string>();
    for (const [name, labels] of Object.entries(versions)) {
        const key = JSON.stringify(Object.entries(labels).sort());
        const other = seen.get(key);
        if (other !== undefined) problem(["versions", name], `selects the same pods as version ${other}`);
        seen.set(key, name);
    }
}

/**
 * Arguments of the builders: the traffic settings and the host exactly as the objects carry it.
 * @internal
 */
export const trafficArgs = z.strictObject({ host: serviceHost, ...trafficShape }).superRefine(checkTraffic);

/**
 * A service in stack config: its namespace, an optional host, and its traffic settings.
 * @internal
 */
export const meshServiceArgs = schemaOf<MeshServiceArgs>()(z
    .strictObject({
        name: dnsLabel.optional(),
        namespace: dnsLabel,
        host: serviceHost.optional(),
        meshNamespaces: z.array(dnsLabel).optional(),
        destinationRule: z.strictObject({ namespace: dnsLabel }).optional(),
        ...trafficShape,
    })
    .superRefine(checkTraffic)
    .refine((s) => s.destinationRule?.namespace !== s.namespace, {
        error: "is the service's own namespace, where the DestinationRule lives anyway: leave destinationRule out",
        path: ["destinationRule", "namespace"],
    })
    // Istio reads "." as the rules' own namespace, and refuses both together.
    .refine((s) => !(s.exportTo?.includes(".") && s.exportTo.includes(s.namespace)), {
        error: "lists the service's own namespace twice (\".\" is the own namespace)",
        path: ["exportTo"],
    })
    .superRefine((s, ctx) => {
        if (s.exportTo === undefined || s.exportTo.includes("*")) return;
        for (const ns of gatewayNamespaces(s.gateways ?? [], s.namespace)) {
            if (ns !== s.namespace && !s.exportTo.includes(ns)) {
                ctx.addIssue({ code: "custom", path: ["exportTo"], message: `must include ${ns}: the gateway there cannot see rules that are not exported to it` });
            }
        }
    }));

/** The namespaces of the Gateways in a `gateways` list (`mesh` is none; a bare name is in the rules' own namespace). */
export function gatewayNamespaces(gateways: readonly string[], namespace: string): string[] {
    return [...new Set(gateways.filter((g) => g !== "mesh").map((g) => (g.includes("/") ? g.slice(0, g.indexOf("/")) : namespace)))];
}

/** @internal */
export type TrafficArgs = z.infer<typeof trafficArgs>;

/**
 * A service's settings as meshServiceArgs accepted them.
 * @internal
 */
export type ParsedServiceArgs = z.infer<typeof meshServiceArgs>;

/**
 * The warning (not an error) for retries that cannot all run: attempts x
 * perTryTimeout longer than the route's timeout means the last attempts are
 * cut short by the timeout.
 * @internal
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
