import { mandatoryViolations, Report } from "./evaluate";

/** `istio-istiod (helm.sh/v4:Chart)` from a URN; `(stack)` for the stack as a whole. */
export function resourceLabel(urn: string | undefined): string {
    if (!urn) return "(stack)";
    const [typePath, name] = urn.split("::").slice(-2);
    const type = (typePath.split("$").pop() ?? typePath).replace(/^kubernetes:/, "");
    return `${name} (${type})`;
}

/** The report as a plain-text table: policy, resource, enforcement, message; then a summary line. */
export function formatReport(report: Report): string {
    const rows = [
        ...report.violations.map((v) => [v.policy, resourceLabel(v.urn), v.enforcement, v.message]),
        ...report.remediations.map((r) => [r.policy, resourceLabel(r.urn), "remediated", "inputs changed by the policy's remediation"]),
    ];
    const header = ["POLICY", "RESOURCE", "ENFORCEMENT", "MESSAGE"];
    const widths = header.slice(0, 3).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
    const mandatory = mandatoryViolations(report).length;
    const summary =
        `${report.violations.length} violation(s): ${mandatory} mandatory, ${report.violations.length - mandatory} advisory; ` +
        `${report.remediations.length} remediation(s)`;
    return rows.length === 0 ? `No policy violations.\n${summary}\n` : [line(header), ...rows.map(line), "", summary, ""].join("\n");
}
