/**
 * Istio release versions (`1.30.3`) as the pack compares them. The pack reads
 * objects only and imports nothing of the components, so it keeps its own.
 */

export function parseVersion(version: string): number[] | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    return m ? m.slice(1).map(Number) : undefined;
}

/** Negative, zero or positive as a is older than, the same as, or newer than b; undefined if either is no pinned version. */
export function versionOrder(a: string, b: string): number | undefined {
    const [pa, pb] = [parseVersion(a), parseVersion(b)];
    if (!pa || !pb) return undefined;
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/** Minor versions between two releases of one major; Infinity across majors. */
export function minorsApart(a: string, b: string): number {
    const [pa, pb] = [parseVersion(a), parseVersion(b)];
    if (!pa || !pb) return 0;
    return pa[0] === pb[0] ? Math.abs(pa[1] - pb[1]) : Infinity;
}
