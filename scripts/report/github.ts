import type { Finding, PolicyReportData } from "./findings";

/**
 * The report as GitHub Actions workflow commands: each finding becomes an
 * annotation on the pull request, at the stack file line of the config it
 * came from (`::error file=Pulumi.prod.yaml,line=12,title=...::message`).
 */

const COMMANDS: Record<Finding["enforcement"], string> = { mandatory: "error", advisory: "warning", remediated: "notice" };

// The runner's escaping (actions/toolkit command.ts): data escapes %, CR and LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function githubAnnotations(data: PolicyReportData): string {
    const lines = data.findings.map((f) => {
        const where = f.config?.line === undefined ? "" : `,line=${f.config.line}`;
        const key = f.config ? ` (${f.config.key}${f.config.fromProfile ? ", set by the profile" : ""})` : "";
        const title = `${f.policy}: ${f.resource}`;
        return `::${COMMANDS[f.enforcement]} file=${escapeProperty(data.stackFile)}${where},title=${escapeProperty(title)}::${escapeData(f.message + key)}`;
    });
    const s = data.summary;
    lines.push(`Policy report for stack ${data.stack}: ${s.violations} violation(s): ${s.mandatory} mandatory, ${s.advisory} advisory; ${s.remediations} remediation(s)`);
    return lines.join("\n");
}
