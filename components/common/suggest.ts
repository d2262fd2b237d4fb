/**
 * "Did you mean" for a mistyped name: the closest allowed name within a small
 * edit distance (a third of the name's length, at least one edit), or nothing
 * when no allowed name is close enough to be a plausible typo.
 */
export function closest(given: string, allowed: readonly string[]): string | undefined {
    const limit = Math.max(1, Math.floor(given.length / 3));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const name of allowed) {
        const d = editDistance(given.toLowerCase(), name.toLowerCase());
        if (d < bestDistance) [best, bestDistance] = [name, d];
    }
    return best;
}

/** `; did you mean gateway?` (each name written by `show`) or an empty string. */
export function didYouMean(given: string, allowed: readonly string[], show = (name: string) => name): string {
    const match = closest(given, allowed);
    return match === undefined ? "" : `; did you mean ${show(match)}?`;
}

// Levenshtein distance, with a swap of two neighbours counting as one edit (gatway/gateawy).
function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
