import { CronJob, DaemonSet, Deployment, isKind, Job, Pod, ReplicaSet, StatefulSet } from "./kinds";

/** A Kubernetes object as a resource's inputs (or outputs): untyped, any team may have written it. */
export type Obj = { [key: string]: any };

/** What every policy needs from a resource: the engine's args and a stack's resources both fit. */
export interface ResourceLike {
    type: string;
    name: string;
    props: Obj;
    urn?: string;
    /** In a stack policy: the resource's parent (a Helm chart for what the engine renders from it). */
    parent?: { urn: string };
}

export function isObj(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asList(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}

export function labelsOf(obj: Obj | undefined): Record<string, string> {
    return isObj(obj?.metadata?.labels) ? obj!.metadata.labels : {};
}

/** A label selector given as a map selects these labels: every pair present (an empty one selects everything). */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
    return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function annotationsOf(obj: Obj | undefined): Record<string, string> {
    return isObj(obj?.metadata?.annotations) ? obj!.metadata.annotations : {};
}

/** metadata.name, or the Pulumi name when the object is auto-named. */
export function objectName(r: ResourceLike): string {
    return typeof r.props?.metadata?.name === "string" ? r.props.metadata.name : r.name;
}

/** Namespaced objects without a namespace land in the provider's default one, usually `default`. */
export function namespaceOf(r: ResourceLike): string {
    return typeof r.props?.metadata?.namespace === "string" ? r.props.metadata.namespace : "default";
}

/** How messages name what a stack-wide finding is about. */
export const STACK = "The stack";

/** `VirtualService default/myapp`: how messages name an object. */
export function describe(r: ResourceLike): string {
    const kind = r.type.split(":").pop() ?? r.type;
    return `${kind} ${namespaceOf(r)}/${objectName(r)}`;
}

/** The pod template a workload creates pods from (a Pod is its own template). */
export function podTemplateOf(r: ResourceLike): Obj | undefined {
    if (isKind(r.type, Pod)) return r.props;
    if (isKind(r.type, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job)) {
        return isObj(r.props?.spec?.template) ? r.props.spec.template : undefined;
    }
    if (isKind(r.type, CronJob)) {
        const template = r.props?.spec?.jobTemplate?.spec?.template;
        return isObj(template) ? template : undefined;
    }
    return undefined;
}

/** Pods and the workloads that create pods from a template. */
export const POD_TEMPLATE_KINDS = [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob];
export const POD_TEMPLATE_ONLY = "applies to Pods and workloads with a pod template only";

/** The pod template, ending the policy's run as not applicable for anything that has none. */
export function requirePodTemplate(args: ResourceLike & { notApplicable(reason?: string): never }): Obj {
    return podTemplateOf(args) ?? args.notApplicable(POD_TEMPLATE_ONLY);
}

/** Where the pod template sits in the workload's inputs, for remediations that write to it. */
export function podTemplatePath(type: string): string[] | undefined {
    if (isKind(type, Pod)) return [];
    if (isKind(type, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job)) return ["spec", "template"];
    if (isKind(type, CronJob)) return ["spec", "jobTemplate", "spec", "template"];
    return undefined;
}
