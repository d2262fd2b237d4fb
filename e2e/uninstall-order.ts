/**
 * The uninstall order (docs/uninstall.md), read off what `pulumi
 * destroy` deleted, in order (`<type>::<name>`, see deleteOrder): workloads' namespaces relabelled (or
 * deleted) and gateways before the control plane, the addons and istiod
 * before the base chart, which goes last.
 */

export type UninstallGroup = "namespaces" | "gateway" | "addons" | "istiod" | "base";

/**
 * Which group a deleted resource belongs to: the stack's labelled namespaces (a
 * MeshNamespace's Namespace or NamespacePatch is named after it), or a chart's
 * child, which carries its chart's prefix in its name.
 */
export function uninstallGroup(deleted: string, namespaces: readonly string[]): UninstallGroup | undefined {
    const [type, name] = deleted.split("::");
    if (/^kubernetes:core\/v1:Namespace(Patch)?$/.test(type) && namespaces.includes(name)) return "namespaces";
    if (name.startsWith("istio-gateway:")) return "gateway";
    if (name.startsWith("istio-istiod:")) return "istiod";
    if (name.startsWith("istio-base:")) return "base";
    if (name.startsWith("observability-") && name.includes(":")) return "addons";
    return undefined;
}

// Each pair: every delete of the first group comes before any delete of the second.
const BEFORE: Array<[UninstallGroup, UninstallGroup]> = [
    ["namespaces", "istiod"], ["gateway", "istiod"], ["addons", "base"], ["istiod", "base"],
];

export function uninstallOrderProblems(deleted: readonly string[], namespaces: readonly string[]): string[] {
    const at: Partial<Record<UninstallGroup, number[]>> = {};
    deleted.forEach((d, i) => {
        const g = uninstallGroup(d, namespaces);
        if (g) (at[g] ??= []).push(i);
    });
    const problems: string[] = [];
    for (const g of ["namespaces", "gateway", "istiod", "base"] as const) if (!at[g]) problems.push(`nothing of ${g} was deleted`);
    for (const [first, then] of BEFORE) {
        if (!at[first] || !at[then]) continue;
        if (Math.max(...at[first]!) > Math.min(...at[then]!)) problems.push(`${first} were still being deleted after ${then} had started`);
    }
    return problems;
}
