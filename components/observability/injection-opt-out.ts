/**
 * Keeping a workload out of the mesh. Istio reads `sidecar.istio.io/inject` as
 * a pod LABEL; the annotation of the same name is deprecated (istioctl analyze
 * IST0135), so only the label is ever produced here.
 */
export const SIDECAR_INJECT_LABEL = "sidecar.istio.io/inject";

/** Pod template labels that stop sidecar injection, merged over `labels`. */
export function withoutSidecar(labels: Record<string, string> = {}): Record<string, string> {
    return { ...labels, [SIDECAR_INJECT_LABEL]: "false" };
}
