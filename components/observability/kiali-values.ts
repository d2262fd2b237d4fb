import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, ResourceRequirements, resourceRequirements, schemaOf } from "../common/validation";
import type { HelmValues } from "../mesh/helm-values";
import type { ChartRef } from "../common/chart-source";
import { withoutSidecar } from "./injection-opt-out";

/**
 * Helm values for Kiali's `kiali-server` chart. The chart writes its values
 * (nearly all of them) into Kiali's config.yaml, so the keys below are
 * Kiali's own config fields (kiali.io, Kiali CR reference), snake_case as there.
 */
export const KIALI_CHART: ChartRef = {
    chart: "kiali-server",
    version: "2.26.0",
    repository: "https://kiali.org/helm-charts",
};

export const KIALI_PORT = 20001;
export const KIALI_WEB_ROOT = "/kiali";

export const KialiAuthStrategy = { anonymous: "anonymous", token: "token", openid: "openid", header: "header" } as const;
/** Kiali's auth strategies, less `openshift` (it needs an OpenShift OAuth server and Route). */
export type KialiAuthStrategy = (typeof KialiAuthStrategy)[keyof typeof KialiAuthStrategy];

/** Kiali's `auth.openid` settings (snake_case, as in Kiali's config). */
export interface KialiOpenId {
    client_id: string;
    issuer_uri: string;
    /**
     * The token claim shown as the user's name.
     * @default Kiali's: `sub`
     * @see https://kiali.io/docs/configuration/authentication/openid/
     */
    username_claim?: string;
    /**
     * Scopes asked of the OpenID provider.
     * @default Kiali's: `openid`, `profile`, `email`
     * @see https://kiali.io/docs/configuration/authentication/openid/
     */
    scopes?: string[];
}

/** Kiali's `auth`: who may open the UI. */
export interface KialiAuth {
    strategy: KialiAuthStrategy;
    /**
     * Required by the openid strategy.
     * @default none (required when `strategy` is openid)
     * @see https://kiali.io/docs/configuration/authentication/openid/
     */
    openid?: KialiOpenId;
}

/** @internal */
export const kialiAuthSchema = schemaOf<KialiAuth>()(z
    .strictObject({
        strategy: z.enum(KialiAuthStrategy),
        openid: z.strictObject({
            client_id: z.string().min(1, { error: "expected the OpenID client ID" }),
            issuer_uri: z.url({ error: "expected the OpenID issuer URL" }),
            username_claim: z.string().min(1).optional(),
            scopes: z.array(z.string().min(1)).optional(),
        }).optional(),
    })
    .refine((auth) => auth.strategy !== "openid" || auth.openid !== undefined, {
        error: "the openid strategy needs openid.client_id and openid.issuer_uri",
        path: ["openid"],
    }));

// Kiali encrypts its session cookie with this key (AES): 16, 24 or 32 characters, or Kiali's
// `secret:<Secret>:<key>` reference, which the chart mounts so the key stays out of config and state.
/** @internal */
export const signingKey = z.string().refine((k) => [16, 24, 32].includes(k.length) || /^secret:[a-z0-9.-]+:[-._a-zA-Z0-9]+$/.test(k), {
    error: "expected 16, 24 or 32 characters, or secret:<Secret name>:<key>",
});

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

/** Kiali as a stack or caller chooses it. */
export interface KialiSettings {
    auth: KialiAuth;
    /**
     * Key of Kiali's session cookie: 16, 24 or 32 characters, or `secret:<Secret name>:<key>`.
     * ObservabilityAddons makes one once (Secret `kiali-signing-key`) when none is given.
     * @default a generated key, kept in the Secret `kiali-signing-key`
     * @see https://istio.io/latest/docs/ops/integrations/kiali/
     */
    signingKey?: string;
    /**
     * Compute resources of Kiali.
     * @default none: the chart's (requests 10m CPU and 64Mi memory, limit 1Gi memory)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    resources?: ResourceRequirements;
}

/** @internal */
export const kialiSettingsSchema = schemaOf<KialiSettings>()(z.strictObject({
    auth: kialiAuthSchema,
    signingKey: signingKey.optional(),
    resources: resourceRequirements.optional(),
}));

const argsSchema = kialiSettingsSchema.extend({
    release: dnsLabel,
    /** Istio's root namespace, where istiod and the mesh-wide config live. */
    istioNamespace: dnsLabel,
    /** In-cluster URL of Prometheus (required: Kiali's graph is built from its metrics). */
    prometheusUrl: httpUrl,
    /** In-cluster gRPC URL of Jaeger's query service; tracing is off without it. */
    tracingUrl: httpUrl.optional(),
});

/** @internal */
export type KialiValuesArgs = z.infer<typeof argsSchema>;

/** @internal */
export function kialiValues(args: KialiValuesArgs): HelmValues {
    const a = parseArgs(argsSchema, args, `Kiali ${args.release}`);
    return {
        auth: a.auth,
        deployment: {
            // The chart names every object after instance_name, so the Service is the release name.
            instance_name: a.release,
            service_type: "ClusterIP",
            pod_labels: withoutSidecar(),
            ...(a.resources ? { resources: a.resources } : {}),
        },
        external_services: {
            istio: { root_namespace: a.istioNamespace },
            prometheus: { enabled: true, url: a.prometheusUrl },
            tracing: a.tracingUrl
                ? { enabled: true, provider: "jaeger", internal_url: a.tracingUrl, use_grpc: true }
                : { enabled: false },
        },
        // Without a key the chart renders a random one on every run: a diff on every preview.
        ...(a.signingKey ? { login_token: { signing_key: a.signingKey } } : {}),
        server: { web_root: KIALI_WEB_ROOT },
    };
}
