import { stringify } from "yaml";
import type { Registered } from "../mock-program";

/**
 * What a reviewer reads of a stack without a cluster: every registered object
 * as YAML, and a summary row per resource. Pure: registrations in, text out.
 */

// Groupings (this project's components) and providers carry no object of their own.
function isObject(r: Registered): boolean {
    return !r.type.startsWith("pulumi:providers:") && !r.type.startsWith("istio-mesh:");
}

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

// Pulumi secrets stay secret in a file meant for pull requests.
function redact(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === "object") {
        const tree = value as Record<string, unknown>;
        if (tree[SECRET_SIG] !== undefined) return "[secret]";
        return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, redact(v)]));
    }
    return value;
}

function nameOf(urn: string): string {
    return urn ? urn.split("::").pop() ?? urn : "";
}

function namespaceOf(r: Registered): string {
    return r.inputs.metadata?.namespace ?? r.inputs.namespace ?? "";
}

/** Registration order depends on timing; this order does not. */
export function sortedObjects(resources: readonly Registered[]): Registered[] {
    return resources.filter(isObject).sort((a, b) => a.urn.localeCompare(b.urn));
}

/** One YAML document per object; a Helm chart as its chart, version and values (the engine expands it). */
export function manifestYaml(stack: string, resources: readonly Registered[]): string {
    const header =
        `# istio-mesh offline render of stack ${stack}: what the program registers, evaluated under Pulumi's mocks.\n` +
        "# Helm charts (kind HelmChart below) are shown as chart, version and values, not expanded.\n";
    const docs = sortedObjects(resources).map((r) => {
        const comment = `# ${r.type} ${r.name}${r.parent ? ` (parent ${nameOf(r.parent)})` : ""}\n`;
        const body = r.type === CHART_TYPE || !r.inputs.kind
            ? { kind: r.type === CHART_TYPE ? "HelmChart" : r.type, ...r.inputs }
            : r.inputs;
        return comment + stringify(redact(body), { sortMapEntries: false, lineWidth: 0 });
    });
    return header + docs.map((d) => `---\n${d}`).join("");
}

/** type, name, namespace, parent: one row per registered resource, objects and components alike. */
export function summaryRows(resources: readonly Registered[]): string[][] {
    return [...resources]
        .filter((r) => !r.type.startsWith("pulumi:providers:"))
        .sort((a, b) => a.urn.localeCompare(b.urn))
        .map((r) => [r.type, r.name, namespaceOf(r), nameOf(r.parent)]);
}
