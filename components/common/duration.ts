import { z } from "zod";

/**
 * Durations as Istio's YAML writes them (`10s`, `250ms`, `1m`, `1h`, `1m30s`):
 * Go duration syntax, which the CRDs' CEL rule `duration(self) >= duration('1ms')`
 * parses. Istio works in whole milliseconds, so finer units are not accepted.
 */
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
const DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(h|ms|m|s))+$/;
const MAX_MS = 9_223_372_036_854;
const PART = /([0-9]+)(?:\.([0-9]+))?(h|ms|m|s)/g;

/** Milliseconds of a duration string, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
    if (!DURATION_PATTERN.test(text)) return undefined;
    let total = 0;
    // Decimals in integer arithmetic: 4.001s is 4001 x 1000 / 1000, not 4.001 x 1000 (= 4000.999...).
    for (const [, whole, fraction = "", unit] of text.matchAll(PART)) {
        total += (Number(whole + fraction) * UNIT_MS[unit as keyof typeof UNIT_MS]) / 10 ** fraction.length;
    }
    return total;
}

// One check reading the duration once (four refinements read it four times, a tenth of a large stack's
// config validation); each limit is reported on its own, as before.
export const duration = z.string().superRefine((text, ctx) => {
    const ms = durationMs(text);
    if (ms === undefined) {
        ctx.addIssue({ code: "custom", message: "expected a duration such as 250ms, 10s, 1m or 1h (a number and a unit: h, m, s or ms)" });
        return;
    }
    if (ms < 1) ctx.addIssue({ code: "custom", message: "expected a duration of at least 1ms" });
    // Go durations are int64 nanoseconds: about 292 years at most.
    if (ms > MAX_MS) ctx.addIssue({ code: "custom", message: "expected a duration of at most 2562047h" });
    if (!Number.isInteger(ms)) ctx.addIssue({ code: "custom", message: "expected whole milliseconds" });
});
