import { KindRef, ofKind } from "./kinds";
import { namespaceOf, ResourceLike } from "./objects";

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
