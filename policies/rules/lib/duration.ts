/** Go duration strings as Istio takes them (`10s`, `1.5s`, `100ms`, `1m30s`), in milliseconds. */
const UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };

export function durationMs(text: unknown): number | undefined {
    if (typeof text !== "string" || text === "") return undefined;
    const part = /([0-9]*\.?[0-9]+)(h|ms|m|s|us|µs|ns)/y;
    let total = 0;
    let pos = 0;
    while (pos < text.length) {
        part.lastIndex = pos;
        const m = part.exec(text);
        if (!m) return undefined;
        total += Number(m[1]) * UNITS_MS[m[2]];
        pos = part.lastIndex;
    }
    return total;
}
