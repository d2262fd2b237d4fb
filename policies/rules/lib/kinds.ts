/**
 * Kubernetes kinds as the Pulumi engine names them: `kubernetes:<group>/<version>:<Kind>`
 * (the core group is `core`). CustomResources carry the same token, so Istio objects
 * are matched on `args.type`, in every API version the 1.30.3 CRDs serve.
 */
export interface KindRef {
    group: string;
    kind: string;
    versions: readonly string[];
}

const networking = (kind: string): KindRef => ({ group: "networking.istio.io", kind, versions: ["v1", "v1beta1", "v1alpha3"] });
const security = (kind: string): KindRef => ({ group: "security.istio.io", kind, versions: ["v1", "v1beta1"] });

export const VirtualService = networking("VirtualService");
export const DestinationRule = networking("DestinationRule");
export const PeerAuthentication = security("PeerAuthentication");
export const AuthorizationPolicy = security("AuthorizationPolicy");
export const Telemetry: KindRef = { group: "telemetry.istio.io", kind: "Telemetry", versions: ["v1", "v1alpha1"] };

const core = (kind: string): KindRef => ({ group: "core", kind, versions: ["v1"] });
export const Namespace = core("Namespace");
export const NamespacePatch = core("NamespacePatch");
export const Service = core("Service");
export const ConfigMap = core("ConfigMap");
export const Pod = core("Pod");
export const Deployment: KindRef = { group: "apps", kind: "Deployment", versions: ["v1"] };
export const StatefulSet: KindRef = { group: "apps", kind: "StatefulSet", versions: ["v1"] };
export const DaemonSet: KindRef = { group: "apps", kind: "DaemonSet", versions: ["v1"] };
export const ReplicaSet: KindRef = { group: "apps", kind: "ReplicaSet", versions: ["v1"] };
export const Job: KindRef = { group: "batch", kind: "Job", versions: ["v1"] };
export const CronJob: KindRef = { group: "batch", kind: "CronJob", versions: ["v1"] };
export const PodDisruptionBudget: KindRef = { group: "policy", kind: "PodDisruptionBudget", versions: ["v1", "v1beta1"] };
export const HorizontalPodAutoscaler: KindRef = { group: "autoscaling", kind: "HorizontalPodAutoscaler", versions: ["v2", "v1"] };
export const MutatingWebhookConfiguration: KindRef = { group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration", versions: ["v1"] };
export const Kiali: KindRef = { group: "kiali.io", kind: "Kiali", versions: ["v1alpha1"] };

/** Helm charts as Pulumi resources: one resource under mocks, expanded by the engine. */
export const HELM_CHART_TYPES = ["kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v3:Release"];

export function typeTokens(ref: KindRef): string[] {
    return ref.versions.map((v) => `kubernetes:${ref.group}/${v}:${ref.kind}`);
}

export function isKind(type: string, ...refs: KindRef[]): boolean {
    return refs.some((ref) => typeTokens(ref).includes(type));
}

export function isHelmChart(type: string): boolean {
    return HELM_CHART_TYPES.includes(type);
}

/** The type token in a URN (`urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`). */
export function typeOfUrn(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}

/**
 * The engine rendered this object from a Helm chart (its parent): the chart's
 * authors wrote it, not the team, and a finding there is not theirs to fix.
 */
export function isRenderedByChart(args: { opts?: { parent?: string } }): boolean {
    return isHelmChart(typeOfUrn(args.opts?.parent ?? ""));
}

/**
 * Ends a resource policy's run as not applicable (reported so by the engine,
 * as @pulumi/policy's typed helpers do) unless the resource is of these kinds.
 */
export function requireKind(args: { type: string; notApplicable(reason?: string): never }, ...refs: KindRef[]): void {
    if (!isKind(args.type, ...refs)) args.notApplicable(`applies to ${refs.map((r) => r.kind).join(" and ")} only`);
}
