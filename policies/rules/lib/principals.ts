// The principal forms Istio matches (security/v1 AuthorizationPolicy): a SPIFFE identity
// <trustDomain>/ns/<namespace>/sa/<serviceAccount> matched exactly, by prefix (the identity cut after
// the trust domain, the namespace or "sa/", then "*"), by suffix ("*" for the trust domain, then
// sa/<sa> or ns/<ns>/sa/<sa>), or "*" alone. The components' argument validation accepts the same
// forms; a test holds the two to one table, since the pack reads objects and never imports them.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const isTrustDomain = (s: string) => s.split(".").every((part) => LABEL.test(part));

/** Why `principal` is not one of Istio's forms; undefined when it is. */
export function principalFormProblem(principal: string): string | undefined {
    if (principal === "*") return undefined;
    if (principal.startsWith("spiffe://")) return "starts with spiffe://, which Istio's principals never carry, so it matches nothing (drop the prefix)";
    const parts = principal.split("/");
    const [trustDomain, ns, namespace, sa, serviceAccount] = parts;
    const exactTail = (from: number) => parts.length === from && !principal.includes("*", 1);
    // Prefix forms: the wildcard ends the principal, after a trust domain, a namespace or `sa/`.
    if (principal.endsWith("/*") && isTrustDomain(trustDomain)) {
        if (parts.length === 2) return undefined;
        if (ns === "ns" && LABEL.test(namespace ?? "") && (parts.length === 4 || (parts.length === 5 && sa === "sa"))) return undefined;
    }
    // Suffix forms: `*` as the trust domain, then ns/<ns>/sa/<sa> or sa/<sa>.
    if (trustDomain === "*" && !principal.includes("*", 1)) {
        if (parts.length === 3 && ns === "sa" && SERVICE_ACCOUNT.test(namespace)) return undefined;
        if (parts.length === 5 && ns === "ns" && LABEL.test(namespace) && sa === "sa" && SERVICE_ACCOUNT.test(serviceAccount)) return undefined;
    }
    if (isTrustDomain(trustDomain) && exactTail(5) && ns === "ns" && LABEL.test(namespace) && sa === "sa" && SERVICE_ACCOUNT.test(serviceAccount)) return undefined;
    if (principal.includes("*")) return "puts * where Istio does not take it (only at one end: <trustDomain>/ns/<namespace>/*, */sa/<serviceAccount>, or * alone), so it matches nothing";
    return "is not a SPIFFE identity <trustDomain>/ns/<namespace>/sa/<serviceAccount>, so it matches nothing";
}
