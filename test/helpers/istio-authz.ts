/**
 * A small model of how Istio decides one HTTP request against
 * AuthorizationPolicies (istio.io, Authorization Policy reference): DENY
 * policies first, then, when any ALLOW policy selects the workload, one of its
 * rules must match. It knows the fields the project writes (principals,
 * namespaces, methods, paths and their `not` forms) and throws on any other
 * field rather than guess.
 */

export interface PolicyObject {
    metadata: { name: string; namespace: string };
    spec: {
        selector?: { matchLabels: Record<string, string> };
        action?: string;
        rules?: Rule[];
    };
}

interface Rule {
    from?: Array<{ source: Record<string, string[]> }>;
    to?: Array<{ operation: Record<string, string[]> }>;
    [other: string]: unknown;
}

export interface AuthzRequest {
    /** The workload called: its namespace and pod labels. */
    namespace: string;
    labels: Record<string, string>;
    /** The caller's SPIFFE principal (`cluster.local/ns/default/sa/api-gateway`) and namespace. */
    principal: string;
    sourceNamespace: string;
    method: string;
    path: string;
}

// Istio's string match: exact, `prefix*`, `*suffix`, or `*`.
function matches(pattern: string, value: string): boolean {
    if (pattern === "*") return true;
    if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
    if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
    return pattern === value;
}

function fieldMatches(fields: Record<string, string[]>, values: Record<string, string>, where: string): boolean {
    return Object.entries(fields).every(([field, patterns]) => {
        const negated = field.startsWith("not");
        const name = negated ? field[3].toLowerCase() + field.slice(4) : field;
        if (!(name in values)) throw new Error(`${where}: the model does not know ${field}`);
        const hit = patterns.some((p) => matches(p, values[name]));
        return negated ? !hit : hit;
    });
}

function ruleMatches(rule: Rule, request: AuthzRequest, where: string): boolean {
    const unknown = Object.keys(rule).filter((k) => k !== "from" && k !== "to");
    if (unknown.length > 0) throw new Error(`${where}: the model does not know ${unknown.join(", ")}`);
    const source = { principals: request.principal, namespaces: request.sourceNamespace };
    const operation = { methods: request.method, paths: request.path };
    return (rule.from === undefined || rule.from.some((f) => fieldMatches(f.source, source, where)))
        && (rule.to === undefined || rule.to.some((t) => fieldMatches(t.operation, operation, where)));
}

function selects(policy: PolicyObject, request: AuthzRequest): boolean {
    if (policy.metadata.namespace !== request.namespace) return false;
    const labels = policy.spec.selector?.matchLabels ?? {};
    return Object.entries(labels).every(([k, v]) => request.labels[k] === v);
}

/** Whether `policies` let the request through. */
export function isAllowed(policies: PolicyObject[], request: AuthzRequest): boolean {
    const applying = policies.filter((p) => selects(p, request));
    const byAction = (action: string) => applying.filter((p) => (p.spec.action ?? "ALLOW") === action);
    const matchAny = (ps: PolicyObject[]) => ps.some((p) =>
        (p.spec.rules ?? []).some((rule) => ruleMatches(rule, request, `${p.metadata.namespace}/${p.metadata.name}`)));
    const other = applying.filter((p) => !["ALLOW", "DENY"].includes(p.spec.action ?? "ALLOW"));
    if (other.length > 0) throw new Error(`the model does not know action ${other[0].spec.action}`);
    if (matchAny(byAction("DENY"))) return false;
    const allow = byAction("ALLOW");
    return allow.length === 0 || matchAny(allow);
}
