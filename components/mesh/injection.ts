/**
 * The namespace labels that turn on sidecar injection. Exactly one of the two
 * labels, never both: with both, `istio-injection` wins and the revision label
 * is silently ignored (istioctl analyze IST0123).
 */
export const INJECTION_LABEL = "istio-injection";
export const REVISION_LABEL = "istio.io/rev";

export function injectionLabels(revision?: string): Record<string, string> {
    return revision ? { [REVISION_LABEL]: revision } : { [INJECTION_LABEL]: "enabled" };
}
