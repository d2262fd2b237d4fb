/**
 * What a protected deployment really protects, read off `pulumi stack export`: under mocks a chart
 * is one resource, so only the real engine shows whether a chart's objects are protected with it.
 */

/** A resource of `pulumi stack export`'s `deployment.resources`, as far as protection goes. */
export interface StateResource {
    urn: string;
    parent?: string;
    protect?: boolean;
}

/**
 * The URNs of resources that are not protected although an ancestor is (a protected chart or
 * component whose objects a `pulumi destroy` could still delete). The walk up stops at a parent the
 * state does not hold, which a valid state always does.
 */
export function unprotectedDescendants(resources: readonly StateResource[]): string[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const protectedAncestor = (r: StateResource): boolean => {
        for (let p = r.parent && byUrn.get(r.parent); p; p = p.parent && byUrn.get(p.parent)) if (p.protect) return true;
        return false;
    };
    return resources.filter((r) => !r.protect && protectedAncestor(r)).map((r) => r.urn);
}
