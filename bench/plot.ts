import type { Kind, Run } from "./measure";

/**
 * The benchmark's plot as a standalone SVG: evaluation time against N on
 * log-log axes, one line per kind (program, baseline, policies) and profile.
 * A straight line of slope 1 is linear growth.
 */

const WIDTH = 640;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 170, top: 30, bottom: 50 };
const COLORS: Record<Kind, string> = { program: "#1f77b4", baseline: "#7f7f7f", policies: "#d62728" };

const log10 = Math.log10;
const decades = (lo: number, hi: number) =>
    Array.from({ length: Math.floor(log10(hi)) - Math.floor(log10(lo)) + 1 }, (_, i) => 10 ** (Math.floor(log10(lo)) + i));
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function plotSvg(runs: Run[]): string {
    if (runs.length === 0) throw new Error("no runs to plot");
    const ns = runs.map((r) => r.n);
    const ms = runs.map((r) => Math.max(1, r.ms));
    const [nLo, nHi] = [10 ** Math.floor(log10(Math.min(...ns))), 10 ** Math.ceil(log10(Math.max(...ns)))];
    const [msLo, msHi] = [10 ** Math.floor(log10(Math.min(...ms))), 10 ** Math.ceil(log10(Math.max(...ms)))];
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const x = (n: number) => MARGIN.left + ((log10(n) - log10(nLo)) / (log10(nHi) - log10(nLo))) * plotW;
    const y = (t: number) => MARGIN.top + plotH - ((log10(Math.max(1, t)) - log10(msLo)) / (log10(msHi) - log10(msLo))) * plotH;

    const parts: string[] = [];
    for (const n of decades(nLo, nHi)) {
        parts.push(`<line x1="${x(n)}" y1="${MARGIN.top}" x2="${x(n)}" y2="${MARGIN.top + plotH}" stroke="#ddd"/>`);
        parts.push(`<text x="${x(n)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${n}</text>`);
    }
    for (const t of decades(msLo, msHi)) {
        parts.push(`<line x1="${MARGIN.left}" y1="${y(t)}" x2="${MARGIN.left + plotW}" y2="${y(t)}" stroke="#ddd"/>`);
        parts.push(`<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
    }
    parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">services (N)</text>`);
    parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">wall time (ms)</text>`);

    const series = new Map<string, Run[]>();
    for (const r of runs) series.set(`${r.kind} ${r.profile}`, [...(series.get(`${r.kind} ${r.profile}`) ?? []), r]);
    let legend = 0;
    for (const [label, points] of series) {
        const { kind, profile } = points[0];
        const sorted = [...points].sort((a, b) => a.n - b.n);
        const dash = profile === "production" ? "" : ` stroke-dasharray="5 4"`;
        parts.push(`<polyline fill="none" stroke="${COLORS[kind]}" stroke-width="2"${dash} points="${sorted.map((p) => `${x(p.n)},${y(p.ms)}`).join(" ")}"/>`);
        for (const p of sorted) parts.push(`<circle cx="${x(p.n)}" cy="${y(p.ms)}" r="3" fill="${COLORS[kind]}"/>`);
        const ly = MARGIN.top + 10 + legend++ * 20;
        parts.push(`<line x1="${WIDTH - MARGIN.right + 15}" y1="${ly}" x2="${WIDTH - MARGIN.right + 45}" y2="${ly}" stroke="${COLORS[kind]}" stroke-width="2"${dash}/>`);
        parts.push(`<text x="${WIDTH - MARGIN.right + 50}" y="${ly + 4}">${escape(label)}</text>`);
    }
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
        `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
        `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
        `<text x="${MARGIN.left}" y="18">istio-mesh under Pulumi's mocks: evaluation time against N (log-log)</text>`,
        ...parts,
        "</svg>",
        "",
    ].join("\n");
}
