import { stringify } from "yaml";
import type { Registered } from "../mock-program";

/**
 * What a reviewer reads of a stack without a cluster. Pure: registrations in,
 * text out. Registrations are of five sorts, and only Kubernetes objects go
 * into the manifest, so that it can be fed as it is to kubeconform,
 * `kubectl apply --dry-run` or `istioctl analyze`. Helm charts and patches of
 * existing objects are the engine's to expand or apply: they go into a
 * second file as the inputs the program gives them, never dressed up as
 * objects. (Expanding charts would need the helm CLI and the charts
 * themselves; `pulumi preview` does it with the real engine.)
 */

export type Sort = "object" | "chart" | "patch" | "component" | "provider";

export const SORTS: readonly Sort[] = ["object", "chart", "patch", "component", "provider"];

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export function sortOf(r: Registered): Sort {
    if (r.type.startsWith("pulumi:providers:")) return "provider";
    if (!r.type.startsWith("kubernetes:")) return "component";
    if (r.type === CHART_TYPE) return "chart";
    // Server-side apply patches (NamespacePatch, DeploymentPatch, ...) change an object someone else owns.
    if (r.type.endsWith("Patch")) return "patch";
    return "object";
}

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

// Registration order depends on timing; this order does not.
function sorted(resources: readonly Registered[], sort: Sort): Registered[] {
    return resources.filter((r) => sortOf(r) === sort).sort((a, b) => a.urn.localeCompare(b.urn));
}

/** The Kubernetes objects, in a stable order. */
export function sortedObjects(resources: readonly Registered[]): Registered[] {
    return sorted(resources, "object");
}

/** How many registrations of each sort: the one set of numbers render prints. */
export function counts(resources: readonly Registered[]): Record<Sort, number> {
    return Object.fromEntries(SORTS.map((s) => [s, resources.filter((r) => sortOf(r) === s).length])) as Record<Sort, number>;
}

const document = (comment: string, body: unknown) => `---\n${comment}${stringify(redact(body), { sortMapEntries: false, lineWidth: 0 })}`;

// Which Pulumi resource a document came from, as a comment (YAML tools ignore it).
const origin = (r: Registered) => `# ${r.type} ${r.name}${r.parent ? ` (component ${nameOf(r.parent)})` : ""}\n`;

/** The Kubernetes objects, one YAML document each, exactly as the program registers them. */
export function manifestYaml(stack: string, resources: readonly Registered[]): string {
    const header = `# istio-mesh offline render of stack ${stack}: the Kubernetes objects the program creates, evaluated under Pulumi's mocks.\n` +
        `# Helm charts and patches of existing objects are in ${stack}.inputs.yaml.\n`;
    return header + sortedObjects(resources).map((r) => document(origin(r), r.inputs)).join("");
}

/**
 * The Helm charts (chart, version, repository, release, namespace, values) and
 * the patches of existing objects, one document each under `helmChart:` or
 * `patch:`, so no tool mistakes them for objects to create.
 */
export function inputsYaml(stack: string, resources: readonly Registered[]): string {
    const header = `# istio-mesh offline render of stack ${stack}: what the engine expands (Helm charts) or applies to objects that already exist (patches).\n`;
    const docs = [...sorted(resources, "chart"), ...sorted(resources, "patch")]
        .map((r) => document(origin(r), sortOf(r) === "chart" ? { helmChart: r.inputs } : { patch: r.inputs }));
    return header + docs.join("");
}

/** `VirtualService.networking.istio.io`, `Namespace`: a kind as kubectl names its resources. */
function kindOf(inputs: Record<string, any>): string {
    const apiVersion = String(inputs.apiVersion ?? "");
    return apiVersion.includes("/") ? `${inputs.kind}.${apiVersion.split("/")[0]}` : String(inputs.kind);
}

/** One row per object of the manifest, by its Kubernetes kind, name and namespace, and the component that made it. */
export function objectRows(resources: readonly Registered[]): string[][] {
    return sortedObjects(resources).map((r) => [kindOf(r.inputs), r.inputs.metadata?.name ?? "", r.inputs.metadata?.namespace ?? "", nameOf(r.parent)]);
}

/** One row per chart (release, namespace, chart and version) and per patch (the patched object). */
export function inputRows(resources: readonly Registered[]): string[][] {
    const charts = sorted(resources, "chart").map((r) => [
        "HelmChart", r.inputs.name ?? r.name, r.inputs.namespace ?? "", `${String(r.inputs.chart).split("/").pop()}${r.inputs.version ? ` ${r.inputs.version}` : ""}`,
    ]);
    const patches = sorted(resources, "patch").map((r) => [`${kindOf(r.inputs)} (patch)`, r.inputs.metadata?.name ?? "", r.inputs.metadata?.namespace ?? "", ""]);
    return [...charts, ...patches];
}
