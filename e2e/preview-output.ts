/**
 * Reading what `pulumi preview` printed: which resources it would change and
 * which policies it reported. Pure, so the e2e's judgement is unit-tested.
 */

export interface Step {
    op: string;
    urn: string;
    type: string;
}

/** The steps of `pulumi preview --json`, leaving out those that change nothing (reads, such as the stack's reference to itself, neither). */
export function changedSteps(json: string): Step[] {
    const doc = JSON.parse(json) as { steps?: Array<{ op: string; urn: string; newState?: { type?: string }; oldState?: { type?: string } }> };
    return (doc.steps ?? [])
        .filter((s) => s.op !== "same" && s.op !== "read")
        .map((s) => ({ op: s.op, urn: s.urn, type: s.newState?.type ?? s.oldState?.type ?? s.urn.split("::")[2] ?? "" }));
}

export interface PolicyFinding {
    policy: string;
    level: string;
}

/**
 * Policy violations from the CLI's text output, under "Policies:", whose lines
 * read `- [mandatory]  mtls-mesh-wide-strict  (pulumi:pulumi:Stack: mesh-prod)`.
 */
export function policyFindings(text: string): PolicyFinding[] {
    const found: PolicyFinding[] = [];
    const line = /^\s*- \[(mandatory|advisory|remediate)\]\s+([a-z0-9-]+)/gm;
    for (const m of text.matchAll(line)) found.push({ level: m[1], policy: m[2] });
    return found;
}

/** The counts of `pulumi up`'s summary ("Resources:\n    + 93 created\n    ~ 2 updated\n    - 1 deleted"). */
export function upSummary(text: string): Record<"created" | "updated" | "deleted" | "replaced", number> {
    const count = (sign: string, word: string) => Number(new RegExp(`^\\s*${sign} (\\d+) ${word}$`, "m").exec(text)?.[1] ?? 0);
    return { created: count("\\+", "created"), updated: count("~", "updated"), deleted: count("-", "deleted"), replaced: count("\\+-", "replaced") };
}

/** URNs in the order an engine event log (`--event-log`, one JSON event a line) says they were deleted. */
export function deleteOrder(eventLog: string): string[] {
    const urns: string[] = [];
    for (const line of eventLog.split("\n")) {
        if (!line.trim()) continue;
        const meta = (JSON.parse(line) as { resOutputsEvent?: { metadata?: { op?: string; urn?: string } } }).resOutputsEvent?.metadata;
        if (meta?.urn && (meta.op === "delete" || meta.op === "delete-replaced")) urns.push(meta.urn);
    }
    return urns;
}
