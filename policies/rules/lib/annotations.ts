import { KindRef, Namespace, NamespacePatch, Service } from "./kinds";
import { AnnotationFacts, ISTIO_ANNOTATIONS } from "./annotation-catalogue";
import { annotationsOf, isObj, POD_TEMPLATE_KINDS, podTemplateOf, podTemplatePath, ResourceLike } from "./objects";

/**
 * Where the annotation policies look, as Istio's analyzer does (annotations.K8sAnalyzer):
 * Namespaces, Services, Pods and workloads. A workload's own metadata is judged as its
 * kind; its pod template's as a Pod's, which is where those annotations land.
 */
export const ANNOTATED_KINDS: KindRef[] = [Namespace, NamespacePatch, Service, ...POD_TEMPLATE_KINDS];
export const ANNOTATED_ONLY = "applies to Namespaces, Services, Pods and workloads only";

/** Set by Istio itself (injection status, the gateway controller's version, the revision): never judged, as the analyzer skips them. */
const SET_BY_ISTIO = new Set(["sidecar.istio.io/status", "gateway.istio.io/controller-version", "istio.io/rev"]);

/** Istio's namespace: a prefix ending in istio.io, and the one Kubernetes annotation Istio documents. */
export function isIstioAnnotation(key: string): boolean {
    return key === "kubernetes.io/ingress.class" || key.split("/")[0].endsWith("istio.io");
}

export interface PlacedAnnotation {
    key: string;
    value: string;
    /** The kind it takes effect on: `Pod` for a pod template's. */
    kind: string;
    /** Its path in the object, for messages. */
    where: string;
    /** Its entry in Istio's catalogue, when there is one. */
    facts?: AnnotationFacts;
}

/** The Istio annotations of an object, each with the kind it is read on, in the object's order. */
export function istioAnnotationsOf(r: ResourceLike): PlacedAnnotation[] {
    const kind = (r.type.split(":").pop() ?? "").replace(/Patch$/, "");
    const places: { kind: string; where: string; annotations: Record<string, string> }[] = [{ kind, where: "metadata.annotations", annotations: annotationsOf(r.props) }];
    const template = podTemplateOf(r);
    if (kind !== "Pod" && isObj(template)) {
        places.push({ kind: "Pod", where: [...podTemplatePath(r.type)!, "metadata", "annotations"].join("."), annotations: annotationsOf(template) });
    }
    return places.flatMap(({ kind, where, annotations }) => Object.entries(annotations)
        .filter(([key]) => isIstioAnnotation(key) && !SET_BY_ISTIO.has(key))
        .map(([key, value]) => ({ key, value: String(value), kind, where: `${where}["${key}"]`, facts: ISTIO_ANNOTATIONS[key] })));
}

/** The kinds an annotation belongs on, or undefined when it belongs on any kind. */
export function kindsOf(facts: AnnotationFacts): readonly string[] | undefined {
    return facts.resources.includes("Any") ? undefined : facts.resources;
}
