import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, quantity, ResourceRequirements, resourceRequirements, schemaOf } from "../common/validation";
import type { HelmValues } from "../mesh/helm-values";
import type { ChartRef } from "../common/chart-source";

/**
 * Helm values for Jaeger v2 (jaegertracing `jaeger` chart 4.11.1, Jaeger 2.19.0):
 * one all-in-one Deployment and one Service. The chart runs the image's
 * built-in config unless `userconfig` is given; we always give it, so the
 * storage backend, the OTLP receiver and the query base path are explicit.
 */
export const JAEGER_CHART: ChartRef = {
    chart: "jaeger",
    version: "4.11.1",
    repository: "https://jaegertracing.github.io/helm-charts",
};

export const JAEGER_PORTS = { otlpGrpc: 4317, otlpHttp: 4318, queryHttp: 16686, queryGrpc: 16685, health: 13133, metrics: 8888 };
/** Same UI path as Istio's sample addon, so links and `istioctl dashboard jaeger` habits keep working. */
export const JAEGER_BASE_PATH = "/jaeger";
export const JaegerStorageType = {
    memory: "memory", badger: "badger", elasticsearch: "elasticsearch", opensearch: "opensearch", cassandra: "cassandra",
} as const;
/** Jaeger's storage backends. */
export type JaegerStorageType = (typeof JaegerStorageType)[keyof typeof JaegerStorageType];

const BADGER_MOUNT = "/badger";
const PASSWORD_ENV = "JAEGER_STORAGE_PASSWORD";
const STORE = "primary_store";

/** The chart's `jaeger.fullname`: the release name if it contains "jaeger", else `<release>-jaeger`. */
export function jaegerServiceName(release: string): string {
    const name = release.includes("jaeger") ? release : `${release}-jaeger`;
    return name.slice(0, 63).replace(/-+$/, "");
}

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
    name: string;
    key: string;
}

/** In-memory storage: lost on restart. */
export interface JaegerMemory {
    max_traces: number;
}

/** Badger on a PersistentVolumeClaim this component creates. */
export interface JaegerBadger {
    size: string;
    /**
     * StorageClass of the claim.
     * @default the cluster's default StorageClass
     * @see https://kubernetes.io/docs/concepts/storage/storage-classes/#default-storageclass
     */
    storageClassName?: string;
    /** How long spans are kept, a Go duration such as `72h`. */
    ttl: string;
}

/** Elasticsearch or OpenSearch; the password stays in a Secret. */
export interface JaegerSearchBackend {
    server_urls: string[];
    /**
     * Prefix of Jaeger's index names, for several Jaegers on one cluster.
     * @default none (Jaeger's own index names)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    index_prefix?: string;
    /**
     * Basic-auth user name.
     * @default none (no authentication)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    username?: string;
    /**
     * The Secret key holding the password, passed to Jaeger as an environment variable.
     * @default none (no password)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    passwordSecret?: SecretKeyRef;
}

export interface JaegerCassandra {
    servers: string[];
    keyspace: string;
    /**
     * User name.
     * @default none (no authentication)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    username?: string;
    /**
     * The Secret key holding the password, passed to Jaeger as an environment variable.
     * @default none (no password)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    passwordSecret?: SecretKeyRef;
}

/** Where Jaeger keeps spans: `type` names the backend, whose settings block must be given. */
export interface JaegerStorage {
    type: JaegerStorageType;
    /**
     * @default none (required when `type` is memory)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    memory?: JaegerMemory;
    /**
     * @default none (required when `type` is badger)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    badger?: JaegerBadger;
    /**
     * @default none (required when `type` is elasticsearch)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    elasticsearch?: JaegerSearchBackend;
    /**
     * @default none (required when `type` is opensearch)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    opensearch?: JaegerSearchBackend;
    /**
     * @default none (required when `type` is cassandra)
     * @see https://istio.io/latest/docs/ops/integrations/jaeger/
     */
    cassandra?: JaegerCassandra;
}

/** Jaeger as a stack or caller chooses it. */
export interface JaegerSettings {
    storage: JaegerStorage;
    /**
     * Compute resources of Jaeger.
     * @default none: the chart's (no requests or limits)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    resources?: ResourceRequirements;
}

const secretKeyRef = z.strictObject({ name: dnsLabel, key: z.string().min(1, { error: "expected a key of the Secret" }) });

// Credentials stay in a Kubernetes Secret: the config names an env var that Jaeger expands (`${env:...}`).
const credentials = {
    username: z.string().min(1).optional(),
    passwordSecret: secretKeyRef.optional(),
};

const searchBackend = z.strictObject({
    server_urls: z.array(z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as http://elasticsearch:9200" })).min(1, { error: "expected at least one server URL" }),
    index_prefix: z.string().min(1).optional(),
    ...credentials,
});

/** @internal */
export const jaegerStorageSchema = schemaOf<JaegerStorage>()(z
    .strictObject({
        type: z.enum(JaegerStorageType),
        memory: z.strictObject({ max_traces: z.number().int().min(1) }).optional(),
        badger: z.strictObject({
            size: quantity,
            storageClassName: z.string().min(1).optional(),
            ttl: z.string().regex(/^[0-9]+(h|m|s)$/, { error: "expected a duration such as 72h" }),
        }).optional(),
        elasticsearch: searchBackend.optional(),
        opensearch: searchBackend.optional(),
        cassandra: z.strictObject({
            servers: z.array(z.string().min(1)).min(1, { error: "expected at least one host:port" }),
            keyspace: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, { error: "expected a Cassandra keyspace name" }),
            ...credentials,
        }).optional(),
    })
    // Only the block named by `type` is read; it must be there.
    .refine((s) => s[s.type] !== undefined, {
        error: (issue) => `storage type ${(issue.input as { type: string }).type} needs its settings block`,
        path: ["type"],
    }));

/** The PersistentVolumeClaim a badger backend needs, or none. */
export function badgerClaimName(release: string): string {
    return `${jaegerServiceName(release)}-badger`;
}

function withPassword(settings: { username?: string; passwordSecret?: unknown }): HelmValues {
    if (!settings.username) return {};
    const password = settings.passwordSecret ? { password: `\${env:${PASSWORD_ENV}}` } : {};
    return { auth: { basic: { username: settings.username, ...password } } };
}

function backend(storage: JaegerStorage): HelmValues {
    switch (storage.type) {
        case "memory":
            return { memory: { max_traces: storage.memory!.max_traces } };
        case "badger":
            return {
                badger: {
                    ephemeral: false,
                    directories: { keys: `${BADGER_MOUNT}/keys`, values: `${BADGER_MOUNT}/values` },
                    ttl: { spans: storage.badger!.ttl },
                },
            };
        case "elasticsearch":
        case "opensearch": {
            const search = storage[storage.type]!;
            return {
                [storage.type]: {
                    server_urls: search.server_urls,
                    ...(search.index_prefix ? { indices: { index_prefix: search.index_prefix } } : {}),
                    ...withPassword(search),
                },
            };
        }
        case "cassandra": {
            const cassandra = storage.cassandra!;
            return {
                cassandra: {
                    schema: { keyspace: cassandra.keyspace },
                    connection: { servers: cassandra.servers, ...withPassword(cassandra) },
                },
            };
        }
    }
}

/** Jaeger v2's own config file (an OpenTelemetry Collector config): OTLP in, one storage backend, the query UI. */
export function jaegerConfig(storage: JaegerStorage): HelmValues {
    const listen = (port: number) => `0.0.0.0:${port}`;
    return {
        service: {
            extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
            pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["jaeger_storage_exporter"] } },
            telemetry: {
                resource: { "service.name": "jaeger" },
                // The chart annotates the pod for scraping on this port.
                metrics: { level: "detailed", readers: [{ pull: { exporter: { prometheus: { host: "0.0.0.0", port: JAEGER_PORTS.metrics } } } }] },
            },
        },
        extensions: {
            // The chart's probes call /status on this port.
            healthcheckv2: { use_v2: true, http: { endpoint: listen(JAEGER_PORTS.health) } },
            jaeger_query: { base_path: JAEGER_BASE_PATH, storage: { traces: STORE } },
            jaeger_storage: { backends: { [STORE]: backend(storage) } },
        },
        receivers: {
            otlp: { protocols: { grpc: { endpoint: listen(JAEGER_PORTS.otlpGrpc) }, http: { endpoint: listen(JAEGER_PORTS.otlpHttp) } } },
        },
        processors: { batch: {} },
        exporters: { jaeger_storage_exporter: { trace_storage: STORE } },
    };
}

/** @internal */
export const jaegerSettingsSchema = schemaOf<JaegerSettings>()(z.strictObject({
    storage: jaegerStorageSchema,
    resources: resourceRequirements.optional(),
}));

const argsSchema = jaegerSettingsSchema.extend({ release: dnsLabel });

/** @internal */
export type JaegerValuesArgs = z.input<typeof argsSchema>;

/** @internal */
export function jaegerValues(args: JaegerValuesArgs): HelmValues {
    const { release, storage, resources } = parseArgs(argsSchema, args, `Jaeger ${args.release}`);
    const secret = (storage.type === "memory" || storage.type === "badger") ? undefined : storage[storage.type]?.passwordSecret;
    const badger = storage.type === "badger";
    return {
        jaeger: {
            ...(resources ? { resources } : {}),
            ...(secret ? { extraEnv: [{ name: PASSWORD_ENV, valueFrom: { secretKeyRef: secret } }] } : {}),
            ...(badger
                ? {
                    extraVolumes: [{ name: "badger", persistentVolumeClaim: { claimName: badgerClaimName(release) } }],
                    extraVolumeMounts: [{ name: "badger", mountPath: BADGER_MOUNT }],
                }
                : {}),
        },
        userconfig: jaegerConfig(storage),
    };
}
