import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { labelSelector } from "../common/labels";
import { dnsLabel, ResourceRequirements, resourceRequirements, schemaOf } from "../common/validation";
import { proxyResourceAnnotations, ProxyResources, proxyResourcesSchema } from "../observability/proxy-resources";
import { pinnedImage } from "./image";

/**
 * Pure builders for an injected workload: its ServiceAccount, Service and
 * Deployment as plain Kubernetes objects (no Pulumi), so the demo apps can be
 * checked without a cluster and registered by a thin component.
 */

export interface ObjectMeta {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
}

export interface ServiceAccountObject {
    apiVersion: "v1";
    kind: "ServiceAccount";
    metadata: ObjectMeta;
}

export interface ServiceObject {
    apiVersion: "v1";
    kind: "Service";
    metadata: ObjectMeta;
    spec: {
        selector: Record<string, string>;
        ports: Array<{ name: string; port: number; targetPort: number; appProtocol: string }>;
    };
}

export interface HttpProbe {
    httpGet: { path: string; port: number };
    periodSeconds: number;
    failureThreshold: number;
}

export interface Container {
    name: string;
    image: string;
    imagePullPolicy: "IfNotPresent";
    command?: string[];
    args?: string[];
    env?: Array<{ name: string; value: string }>;
    ports?: Array<{ name: string; containerPort: number }>;
    // A type literal, not the ResourceRequirements interface: Pulumi's input types want an index signature.
    resources: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
    readinessProbe?: HttpProbe;
    livenessProbe?: HttpProbe;
    securityContext: { allowPrivilegeEscalation: false };
}

export interface DeploymentObject {
    apiVersion: "apps/v1";
    kind: "Deployment";
    metadata: ObjectMeta;
    spec: {
        replicas: number;
        selector: { matchLabels: Record<string, string> };
        template: {
            metadata: { labels: Record<string, string>; annotations: Record<string, string> };
            spec: { serviceAccountName: string; containers: Container[] };
        };
    };
}

const port = z.number().int().min(1, { error: "expected a port from 1 to 65535" }).max(65535, { error: "expected a port from 1 to 65535" });

/** A Deployment of one app (or one version of it) with a sidecar. */
export interface WorkloadArgs {
    /** The Deployment's name. */
    name: string;
    namespace: string;
    /** Pod labels, also the Deployment's selector: `app` and, for a version of a service, `version`. */
    labels: Record<string, string>;
    /** Its identity in the mesh: the principal `<trustDomain>/ns/<namespace>/sa/<serviceAccountName>`. */
    serviceAccountName: string;
    /** A pinned image (a tag or a digest, never `latest`). */
    image: string;
    command?: string[];
    args?: string[];
    env?: Record<string, string>;
    /** The HTTP port the app listens on, if it serves. */
    port?: number;
    /** Path answering 200 while the app is healthy; probes need `port`. */
    healthPath?: string;
    resources: ResourceRequirements;
    /** The pod's sidecar resources (`sidecar.istio.io/proxy*` annotations). */
    proxyResources: ProxyResources;
}

const workloadSchema = schemaOf<WorkloadArgs>()(z.strictObject({
    name: dnsLabel,
    namespace: dnsLabel,
    labels: labelSelector,
    serviceAccountName: dnsLabel,
    image: pinnedImage,
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    port: port.optional(),
    healthPath: z.string().startsWith("/", { error: "expected a path starting with /" }).optional(),
    resources: resourceRequirements,
    proxyResources: proxyResourcesSchema,
}).refine((w) => w.healthPath === undefined || w.port !== undefined, {
    error: "a health path needs the port it is served on",
    path: ["healthPath"],
}));

/** A Service in front of every version of an app. */
export interface ServiceArgs {
    name: string;
    namespace: string;
    /** The pods it sends to: the `app` label of every version. */
    selector: Record<string, string>;
    port: number;
    targetPort: number;
}

const serviceSchema = schemaOf<ServiceArgs>()(z.strictObject({
    name: dnsLabel,
    namespace: dnsLabel,
    selector: labelSelector,
    port,
    targetPort: port,
}));

/** The ServiceAccount a workload runs as: its SPIFFE identity in the mesh. */
export function serviceAccount(name: string, namespace: string): ServiceAccountObject {
    const valid = parseArgs(z.strictObject({ name: dnsLabel, namespace: dnsLabel }), { name, namespace }, `ServiceAccount ${namespace}/${name}`);
    return { apiVersion: "v1", kind: "ServiceAccount", metadata: valid };
}

/**
 * A ClusterIP Service with one HTTP port. The port is named `http` and declares
 * `appProtocol: http`, so Istio treats the traffic as HTTP (routes, retries,
 * authorization on methods and paths) instead of opaque TCP.
 */
export function service(args: ServiceArgs): ServiceObject {
    const { name, namespace, selector, port: servicePort, targetPort } = parseArgs(serviceSchema, args, `Service ${args.namespace}/${args.name}`);
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace },
        spec: { selector, ports: [{ name: "http", port: servicePort, targetPort, appProtocol: "http" }] },
    };
}

function httpProbe(path: string, containerPort: number, failureThreshold: number): HttpProbe {
    // Istio rewrites HTTP probes to go through the sidecar agent, so they pass under STRICT mTLS.
    return { httpGet: { path, port: containerPort }, periodSeconds: 5, failureThreshold };
}

/** One replica of one container, in the mesh, with its sidecar's resources set on the pod. */
export function deployment(args: WorkloadArgs): DeploymentObject {
    const w = parseArgs(workloadSchema, args, `Deployment ${args.namespace}/${args.name}`);
    const container: Container = {
        name: w.labels.app ?? w.name,
        image: w.image,
        imagePullPolicy: "IfNotPresent",
        ...(w.command ? { command: w.command } : {}),
        ...(w.args ? { args: w.args } : {}),
        ...(w.env ? { env: Object.entries(w.env).map(([name, value]) => ({ name, value })) } : {}),
        ...(w.port !== undefined ? { ports: [{ name: "http", containerPort: w.port }] } : {}),
        resources: w.resources,
        ...(w.healthPath !== undefined && w.port !== undefined ? {
            readinessProbe: httpProbe(w.healthPath, w.port, 3),
            // Restart only after a long silence: readiness already takes a slow pod out of the Service.
            livenessProbe: httpProbe(w.healthPath, w.port, 6),
        } : {}),
        securityContext: { allowPrivilegeEscalation: false },
    };
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: w.name, namespace: w.namespace, labels: w.labels },
        spec: {
            replicas: 1,
            selector: { matchLabels: w.labels },
            template: {
                metadata: { labels: w.labels, annotations: proxyResourceAnnotations(w.proxyResources) },
                spec: { serviceAccountName: w.serviceAccountName, containers: [container] },
            },
        },
    };
}
