import { z } from "zod";

/**
 * Durations as Istio's YAML writes them (`10s`, `250ms`, `1m`, `1h`, `1m30s`):
 * Go duration syntax, which the CRDs' CEL rule `duration(self) >= duration('1ms')`
 * parses. Istio works in whole milliseconds, so finer units are not accepted.
 */
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
const DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(h|ms|m|s))+$/;
const PART = /([0-9]+(?:\.[0-9]+)?)(h|ms|m|s)/g;

/** Milliseconds of a duration string, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
    if (!DURATION_PATTERN.test(text)) return undefined;
    let total = 0;
    for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return total;
}

export const duration = z
    .string()
    .refine((text) => durationMs(text) !== undefined, {
        error: "expected a duration such as 250ms, 10s, 1m or 1h (a number and a unit: h, m, s or ms)",
    })
    .refine((text) => (durationMs(text) ?? 1) >= 1, { error: "expected a duration of at least 1ms" })
    .refine((text) => Number.isInteger(durationMs(text) ?? 0), { error: "expected whole milliseconds" });
