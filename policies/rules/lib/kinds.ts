import type { ResourceRemediation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

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

function typeTokens(ref: KindRef): string[] {
    return ref.versions.map((v) => `kubernetes:${ref.group}/${v}:${ref.kind}`);
}

const networking = (kind: string): KindRef => ({ group: "networking.istio.io", kind, versions: ["v1", "v1beta1", "v1alpha3"] });
const security = (kind: string): KindRef => ({ group: "security.istio.io", kind, versions: ["v1", "v1beta1"] });

export const VirtualService = networking("VirtualService");
export const DestinationRule = networking("DestinationRule");
export const Gateway = networking("Gateway");
export const Sidecar = networking("Sidecar");
export const ServiceEntry = networking("ServiceEntry");
export const EnvoyFilter: KindRef = { group: "networking.istio.io", kind: "EnvoyFilter", versions: ["v1alpha3"] };
export const PeerAuthentication = security("PeerAuthentication");
export const AuthorizationPolicy = security("AuthorizationPolicy");
export const RequestAuthentication = security("RequestAuthentication");
export const Telemetry: KindRef = { group: "telemetry.istio.io", kind: "Telemetry", versions: ["v1", "v1alpha1"] };

const core = (kind: string): KindRef => ({ group: "core", kind, versions: ["v1"] });
export const Namespace = core("Namespace");
export const NamespacePatch = core("NamespacePatch");
export const Service = core("Service");
export const ConfigMap = core("ConfigMap");
export const Secret = core("Secret");
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
export const CustomResourceDefinition: KindRef = { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", versions: ["v1"] };
export const Kiali: KindRef = { group: "kiali.io", kind: "Kiali", versions: ["v1alpha1"] };

/** Helm charts as Pulumi resources: one resource under mocks, expanded by the engine. */
export const HelmChart: KindRef = { group: "helm.sh", kind: "Chart", versions: ["v4", "v3"] };
export const HelmRelease: KindRef = { group: "helm.sh", kind: "Release", versions: ["v3"] };

// Each kind's tokens, built once: isKind runs for every resource and policy.
const TOKENS = new WeakMap<KindRef, ReadonlySet<string>>();

function tokenSet(ref: KindRef): ReadonlySet<string> {
    let tokens = TOKENS.get(ref);
    if (!tokens) TOKENS.set(ref, (tokens = new Set(typeTokens(ref))));
    return tokens;
}

export function isKind(type: string, ...refs: KindRef[]): boolean {
    return refs.some((ref) => tokenSet(ref).has(type));
}

// Resources by type (with their place in the stack), indexed once per resource list,
// so that stack policies do not each scan the whole stack for each kind they read.
interface TypeIndex {
    byType: Map<string, unknown[]>;
    position: Map<unknown, number>;
}
const INDEXES = new WeakMap<readonly unknown[], TypeIndex>();

function indexOf(resources: readonly { type: string }[]): TypeIndex {
    let index = INDEXES.get(resources);
    if (!index) {
        index = { byType: new Map(), position: new Map() };
        for (const [i, r] of resources.entries()) {
            const list = index.byType.get(r.type);
            if (list) list.push(r);
            else index.byType.set(r.type, [r]);
            index.position.set(r, i);
        }
        INDEXES.set(resources, index);
    }
    return index;
}

/** The resources of these kinds, in stack order. */
export function ofKind<R extends { type: string }>(resources: readonly R[], ...refs: KindRef[]): R[] {
    const { byType, position } = indexOf(resources);
    const types = new Set(refs.flatMap((ref) => [...tokenSet(ref)]));
    const found = [...types].flatMap((t) => (byType.get(t) ?? []) as R[]);
    // Lists of several types interleave in the stack: reports follow the stack's order.
    return types.size > 1 ? found.sort((a, b) => position.get(a)! - position.get(b)!) : found;
}

export function isHelmChart(type: string): boolean {
    return isKind(type, HelmChart, HelmRelease);
}

/** Which resource types a policy's validation or remediation applies to, and the reason given for the others. */
export interface Applicability {
    types: ReadonlySet<string>;
    reason: string;
}

const APPLICABILITY = new WeakMap<object, Applicability>();

/** What forKinds recorded for a validation or remediation function; undefined for any other. */
export function applicabilityOf(fn: object): Applicability | undefined {
    return APPLICABILITY.get(fn);
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
 * A resource policy that applies to these kinds only. For any other type its
 * validation and remediation end as not applicable (reported so by the engine,
 * as @pulumi/policy's typed helpers do); a runner that reads applicabilityOf
 * skips them without the call and its exception.
 */
export function forKinds<P extends ResourceValidationPolicy>(refs: KindRef[], policy: P, reason = `applies to ${refs.map((r) => r.kind).join(" and ")} only`): P {
    const applicability: Applicability = { types: new Set(refs.flatMap((ref) => [...tokenSet(ref)])), reason };
    const check = (args: ResourceValidationArgs) => {
        if (!applicability.types.has(args.type)) args.notApplicable(reason);
    };
    const tagged = <F extends object>(fn: F): F => {
        APPLICABILITY.set(fn, applicability);
        return fn;
    };
    const validation = (fn: ResourceValidation): ResourceValidation => tagged((args, report) => {
        check(args);
        return fn(args, report);
    });
    const { validateResource, remediateResource } = policy;
    return {
        ...policy,
        ...(validateResource && {
            validateResource: Array.isArray(validateResource) ? validateResource.map(validation) : validation(validateResource),
        }),
        ...(remediateResource && {
            remediateResource: tagged<ResourceRemediation>((args) => {
                check(args);
                return remediateResource(args);
            }),
        }),
    };
}
