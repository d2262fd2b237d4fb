import { KindRef, ofKind } from "./kinds";
import { describe, namespaceOf, ResourceLike } from "./objects";

/**
 * Objects of a kind that apply to a whole namespace (no selector, no
 * targetRef), by namespace: Istio takes one such Sidecar or Telemetry per
 * namespace and leaves which one undefined when there are several.
 */
export function namespaceWideByNamespace(resources: ResourceLike[], kind: KindRef, selectorField: string): Map<string, ResourceLike[]> {
    const byNamespace = new Map<string, ResourceLike[]>();
    for (const r of ofKind(resources, kind)) {
        const spec = r.props.spec ?? {};
        if (spec[selectorField] !== undefined || spec.targetRef !== undefined || spec.targetRefs !== undefined) continue;
        byNamespace.set(namespaceOf(r), [...(byNamespace.get(namespaceOf(r)) ?? []), r]);
    }
    return byNamespace;
}

/** Each namespace-wide object that shares its namespace with others, and those others as messages name them. */
export function namespaceWideConflicts(resources: ResourceLike[], kind: KindRef, selectorField: string): { resource: ResourceLike; others: string; namespace: string }[] {
    return [...namespaceWideByNamespace(resources, kind, selectorField)].filter(([, list]) => list.length > 1).flatMap(([namespace, list]) =>
        list.map((resource) => ({ resource, others: list.filter((o) => o !== resource).map(describe).join(", "), namespace })));
}
