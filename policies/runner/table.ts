import { mandatoryViolations, Report } from "./evaluate";

/** `istio-istiod (helm.sh/v4:Chart)` from a URN; `(stack)` for the stack as a whole. */
export function resourceLabel(urn: string | undefined): string {
    if (!urn) return "(stack)";
    const [typePath, name] = urn.split("::").slice(-2);
    const type = (typePath.split("$").pop() ?? typePath).replace(/^kubernetes:/, "");
    return `${name} (${type})`;
}

/** How a table meets a terminal: its width, a line wrapper, and a style for each laid-out cell (colour). */
export interface TableFit {
    /** Wrap the last column so no line is wider than this; it runs free when left undefined. */
    width?: number;
    /** Hard-wraps text at `columns`, as wrap-ansi does. */
    wrap?: (text: string, columns: number) => string;
    /** Restyles a cell after padding (so escape codes do not count towards the width); row -1 is the header. */
    style?: (cell: string, column: number, row: number) => string;
}

// Narrower than this, a wrapped last column is harder to read than a long line.
const MIN_LAST_COLUMN = 30;

/**
 * Rows under a header, columns padded to line up; the last column runs free.
 * Given a width, the last column wraps under itself; when even that leaves it
 * too narrow, each row becomes a block: its other cells on one line, the last
 * indented below.
 */
export function textTable(header: string[], rows: string[][], fit: TableFit = {}): string {
    const last = header.length - 1;
    const widths = header.slice(0, last).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const indent = widths.reduce((sum, w) => sum + w + 2, 0);
    const style = fit.style ?? ((cell: string) => cell);
    const wrap = (text: string, columns: number) => (fit.width !== undefined && fit.wrap ? fit.wrap(text, columns) : text).split("\n");
    if (fit.width !== undefined && fit.width - indent < MIN_LAST_COLUMN) {
        const block = (cells: string[], row: number) => [
            ...wrap(cells.slice(0, last).map((c, i) => style(c, i, row)).join("  "), fit.width!),
            ...wrap(cells[last], fit.width! - 2).map((l) => `  ${style(l, last, row)}`),
        ].join("\n");
        return rows.map(block).join("\n");
    }
    const line = (cells: string[], row: number) => {
        const lastLines = wrap(cells[last], (fit.width ?? 0) - indent);
        const first = cells.slice(0, last).map((c, i) => style(c.padEnd(widths[i]), i, row)).concat(style(lastLines[0], last, row)).join("  ").trimEnd();
        return [first, ...lastLines.slice(1).map((l) => " ".repeat(indent) + style(l, last, row))].join("\n");
    };
    return [line(header, -1), ...rows.map((r, i) => line(r, i))].join("\n");
}

/** The report as a plain-text table: policy, resource, enforcement, message; then a summary line. */
export function formatReport(report: Report, fit: TableFit = {}): string {
    const rows = [
        ...report.violations.map((v) => [v.policy, resourceLabel(v.urn), v.enforcement, v.message]),
        ...report.remediations.map((r) => [r.policy, resourceLabel(r.urn), "remediated", "inputs changed by the policy's remediation"]),
    ];
    const mandatory = mandatoryViolations(report).length;
    const summary =
        `${report.violations.length} violation(s): ${mandatory} mandatory, ${report.violations.length - mandatory} advisory; ` +
        `${report.remediations.length} remediation(s)`;
    return rows.length === 0
        ? `No policy violations.\n${summary}\n`
        : [textTable(["POLICY", "RESOURCE", "ENFORCEMENT", "MESSAGE"], rows, fit), "", summary, ""].join("\n");
}
