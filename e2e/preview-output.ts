/**
 * Reading what `pulumi preview` printed: which resources it would change and
 * which policies it reported. Pure, so the e2e's judgement is unit-tested.
 */

export interface Step {
    op: string;
    urn: string;
    type: string;
}

/** The steps of `pulumi preview --json`, leaving out those that change nothing. */
export function changedSteps(json: string): Step[] {
    const doc = JSON.parse(json) as { steps?: Array<{ op: string; urn: string; newState?: { type?: string }; oldState?: { type?: string } }> };
    return (doc.steps ?? [])
        .filter((s) => s.op !== "same")
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
