import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { schemaOf } from "../common/validation";
import type { HelmValues } from "../mesh/helm-values";

/**
 * Mesh tracing through the Telemetry API: istiod's meshConfig declares the
 * tracing backend as an extension provider, and one Telemetry resource in the
 * root namespace selects it for the whole mesh with a sampling rate.
 */

/** @internal */
export const randomSamplingPercentage = z
    .number({ error: "expected a percentage from 0 to 100" })
    .min(0, { error: "expected a percentage from 0 to 100" })
    .max(100, { error: "expected a percentage from 0 to 100" });

/** An OpenTelemetry (OTLP gRPC) collector that istiod's proxies send spans to. */
export interface TracingProvider {
    /** Name Telemetry resources use to select the provider. */
    name: string;
    /** Fully qualified host of the OpenTelemetry (OTLP gRPC) collector, such as `jaeger.istio-system.svc.cluster.local`. */
    service: string;
    /** The collector's OTLP gRPC port, such as 4317. */
    port: number;
}

const providerSchema = schemaOf<TracingProvider>()(z.strictObject({
    name: z.string().min(1, { error: "expected a provider name" }),
    service: z.string().min(1, { error: "expected a collector host" }),
    port: z.number().int().min(1).max(65535, { error: "expected a port number" }),
}));

/** meshConfig for istiod: tracing on, and the provider as an OpenTelemetry extension provider. */
export function tracingMeshConfig(provider: TracingProvider): HelmValues {
    const { name, service, port } = parseArgs(providerSchema, provider, "tracing provider");
    return {
        enableTracing: true,
        extensionProviders: [{ name, opentelemetry: { service, port } }],
    };
}

/** Mesh-wide tracing: which provider, how much is sampled. */
export interface MeshTracingArgs {
    /** Istio's root namespace (istiod's namespace unless meshConfig.rootNamespace says otherwise): a Telemetry there applies mesh-wide. */
    namespace: string;
    /** An extension provider declared in istiod's meshConfig (see tracingMeshConfig). */
    provider: string;
    /** Share of requests traced, 0 to 100. */
    randomSamplingPercentage: number;
}

/** The mesh-wide Telemetry resource. */
export interface MeshTelemetrySpec extends MeshTracingArgs {
    /** Name of the Telemetry resource. */
    name: string;
}

const telemetrySchema = schemaOf<MeshTelemetrySpec>()(z.strictObject({
    name: z.string().min(1),
    namespace: z.string().min(1),
    provider: z.string().min(1, { error: "expected the name of an extension provider" }),
    randomSamplingPercentage,
}));

export interface IstioObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: string };
    spec: Record<string, unknown>;
}

/** The mesh-wide `telemetry.istio.io/v1` Telemetry that sends traces to `provider`. */
export function meshTelemetry(args: MeshTelemetrySpec): IstioObject {
    const { name, namespace, provider, randomSamplingPercentage: sampling } = parseArgs(telemetrySchema, args, `Telemetry ${args.name}`);
    return {
        apiVersion: "telemetry.istio.io/v1",
        kind: "Telemetry",
        metadata: { name, namespace },
        spec: {
            tracing: [{ providers: [{ name: provider }], randomSamplingPercentage: sampling }],
        },
    };
}
