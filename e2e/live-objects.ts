import { isDeepStrictEqual } from "util";

/**
 * Comparing the Istio objects the offline render asks for with those the API
 * server holds after `pulumi up`. Pure but for the readers, which run the kubectl they are given.
 */

export interface K8sObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    spec?: unknown;
}

export const ISTIO_GROUPS = ["networking.istio.io", "security.istio.io", "telemetry.istio.io"];

/** A kubectl run that returns its output (and fails the phase otherwise). */
export type Kubectl = (args: string[]) => string;

/** Every Istio object on the API server, of every CRD of the Istio groups above. */
export function liveIstioObjects(kubectl: Kubectl): K8sObject[] {
    const crds = kubectl(["get", "crd", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}"])
        .split("\n").filter((n) => ISTIO_GROUPS.some((g) => n.endsWith(`.${g}`)));
    return crds.flatMap((crd) => JSON.parse(kubectl(["get", crd, "-A", "-o", "json"])).items as K8sObject[]);
}

export function objectKey(o: K8sObject): string {
    return `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/**
 * Every path where `live` lacks what `want` says. The API server may add
 * fields (defaults), so only what the render asked for is checked.
 */
export function missingFields(want: unknown, live: unknown, at = "spec"): string[] {
    if (want !== null && typeof want === "object" && !Array.isArray(want)) {
        if (live === null || typeof live !== "object" || Array.isArray(live)) return [`${at}: expected an object, found ${JSON.stringify(live)}`];
        return Object.entries(want).flatMap(([k, v]) => missingFields(v, (live as Record<string, unknown>)[k], `${at}.${k}`));
    }
    if (Array.isArray(want)) {
        if (!Array.isArray(live) || live.length !== want.length) return [`${at}: expected ${JSON.stringify(want)}, found ${JSON.stringify(live)}`];
        return want.flatMap((v, i) => missingFields(v, live[i], `${at}[${i}]`));
    }
    return isDeepStrictEqual(want, live) ? [] : [`${at}: expected ${JSON.stringify(want)}, found ${JSON.stringify(live)}`];
}

export interface Comparison {
    matched: number;
    missing: string[];
    different: string[];
}

export function compareObjects(expected: readonly K8sObject[], live: readonly K8sObject[]): Comparison {
    const byKey = new Map(live.map((o) => [objectKey(o), o]));
    const result: Comparison = { matched: 0, missing: [], different: [] };
    for (const want of expected) {
        const got = byKey.get(objectKey(want));
        if (!got) {
            result.missing.push(objectKey(want));
            continue;
        }
        const diffs = missingFields(want.spec ?? {}, got.spec ?? {});
        if (diffs.length > 0) result.different.push(`${objectKey(want)}: ${diffs.join("; ")}`);
        else result.matched++;
    }
    return result;
}
