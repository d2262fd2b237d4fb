import { annotationsOf, labelsOf, Obj } from "./objects";

export const INJECT_KEY = "sidecar.istio.io/inject";

/** The pod template opts out of injection (label, or the deprecated annotation). */
export function optsOut(template: Obj): boolean {
    return labelsOf(template)[INJECT_KEY] === "false" || annotationsOf(template)[INJECT_KEY] === "false";
}

/** Istio's gateway pods are injected with the gateway template: the proxy is the container, sized by its resources. */
export function isGatewayTemplate(template: Obj): boolean {
    return (annotationsOf(template)["inject.istio.io/templates"] ?? "").split(",").includes("gateway");
}
