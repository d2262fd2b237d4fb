import { groupBy } from "./group";
import { KindRef, ofKind } from "./kinds";
import { describe, namespaceOf, ResourceLike } from "./objects";

/**
 * Objects of a kind that apply to a whole namespace (no selector, no
 * targetRef), by namespace: Istio takes one such Sidecar or Telemetry per
 * namespace and leaves which one undefined when there are several.
 */
export function namespaceWideByNamespace(resources: ResourceLike[], kind: KindRef, selectorField: string): Map<string, ResourceLike[]> {
    const namespaceWide = ofKind(resources, kind).filter((r) => {
        const spec = r.props.spec ?? {};
        return spec[selectorField] === undefined && spec.targetRef === undefined && spec.targetRefs === undefined;
    });
    return groupBy(namespaceWide, namespaceOf);
}

/** Each namespace-wide object that shares its namespace with others, and those others as messages name them. */
export function namespaceWideConflicts(resources: ResourceLike[], kind: KindRef, selectorField: string): { resource: ResourceLike; others: string; namespace: string }[] {
    return [...namespaceWideByNamespace(resources, kind, selectorField)].filter(([, list]) => list.length > 1).flatMap(([namespace, list]) =>
        list.map((resource) => ({ resource, others: list.filter((o) => o !== resource).map(describe).join(", "), namespace })));
}
