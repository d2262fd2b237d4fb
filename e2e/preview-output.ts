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

/**
 * What `pulumi destroy` printed as deleted, in order, as `<type>::<name>`: its
 * progress lines read `-  kubernetes:apps/v1:Deployment istio-istiod:istio-system/istiod deleted (2s)`.
 */
export function deleteOrder(text: string): string[] {
    return [...text.matchAll(/^\s*-\s+(\S+)\s+(\S+)\s+deleted\b/gm)].map((m) => `${m[1]}::${m[2]}`);
}
