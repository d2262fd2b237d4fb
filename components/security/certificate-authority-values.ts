import { z } from "zod";
import { dnsLabel, schemaOf } from "../common/validation";
import type { HelmValues } from "../mesh/helm-values";
import { IstioObject } from "./istio-object";

/**
 * Pure builders for the mesh CA: cert-manager's and istio-csr's Helm values and
 * the issuer chain. Every Helm key written here exists in the charts' values
 * files (checked in test/security-ca.spec.ts against the reference copies).
 */

export const JETSTACK_CHARTS = "https://charts.jetstack.io";
export const CERT_MANAGER_VERSION = "v1.21.1";
export const ISTIO_CSR_VERSION = "v0.17.0";
/** istio-csr's release (and Service) name: its chart's default DNS name assumes it. */
export const ISTIO_CSR_RELEASE = "cert-manager-istio-csr";
const CERT_MANAGER_API = "cert-manager.io/v1";
const ROOT_CA_MOUNT = "/var/run/secrets/istio-csr";

const chartVersion = z.string().regex(/^v?[0-9]+\.[0-9]+\.[0-9]+$/, { error: "expected a pinned chart version like v1.21.1" });
const objectName = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: "expected a Kubernetes object name: lower-case letters, digits, '-' and '.'" });

export const IssuerKind = { Issuer: "Issuer", ClusterIssuer: "ClusterIssuer" } as const;
/** cert-manager's issuer kinds: a namespaced Issuer or a ClusterIssuer. */
export type IssuerKind = (typeof IssuerKind)[keyof typeof IssuerKind];

/** cert-manager's Helm chart. */
export interface CertManagerChart {
    /**
     * Pinned chart version, such as v1.21.1.
     * @default "v1.21.1" (CERT_MANAGER_VERSION)
     * @see https://cert-manager.io/docs/installation/helm/
     */
    version?: string;
    /**
     * Namespace of cert-manager and istio-csr; `cert-manager` by default.
     * @default "cert-manager"
     * @see https://cert-manager.io/docs/installation/helm/
     */
    namespace?: string;
    /**
     * Helm repository of cert-manager's and istio-csr's charts.
     * @default "https://charts.jetstack.io" (JETSTACK_CHARTS)
     * @see https://cert-manager.io/docs/installation/helm/
     */
    repository?: string;
}

/** istio-csr's Helm chart. */
export interface IstioCsrChart {
    /**
     * Pinned chart version, such as v0.17.0.
     * @default "v0.17.0" (ISTIO_CSR_VERSION)
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    version?: string;
    /**
     * istio-csr's replicas.
     * @default 1
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    replicaCount?: number;
}

/**
 * The cert-manager issuer that signs workload certificates. selfSigned: this
 * program creates it (a self-signed root, its CA Certificate and a CA Issuer
 * named `name` in the control plane namespace); otherwise it must exist.
 */
export interface CertificateIssuer {
    /**
     * `true`: this program creates a self-signed root, its CA Certificate and a CA Issuer; `false`: the issuer must exist.
     * @default true
     * @see https://cert-manager.io/docs/configuration/selfsigned/
     */
    selfSigned?: boolean;
    /**
     * Name of the issuer that signs workload certificates.
     * @default "istio-ca"
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    name?: string;
    /**
     * Issuer or ClusterIssuer.
     * @default "Issuer" (in the control plane namespace)
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    kind?: IssuerKind;
    /**
     * API group of the issuer (another for external issuers).
     * @default "cert-manager.io"
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    group?: string;
}

/**
 * Pins the mesh's root of trust: a Secret in cert-manager's namespace holding
 * the root CA (PEM) under `key`. Left out, istio-csr trusts whatever CA its own
 * serving certificate chains to.
 */
export interface RootCA {
    secretName: string;
    /**
     * The key in the Secret that holds the root CA.
     * @default "ca.pem"
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    key?: string;
}

/** The mesh CA's settings: cert-manager, istio-csr, the issuer and the root of trust. */
export interface CertificateAuthorityArgs {
    /**
     * cert-manager's Helm chart.
     * @default the pinned version, `cert-manager` namespace and Jetstack repository
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    certManager?: CertManagerChart;
    /**
     * istio-csr's Helm chart.
     * @default the pinned version and one replica
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    istioCsr?: IstioCsrChart;
    /**
     * The issuer that signs workload certificates.
     * @default a self-signed `Issuer` named `istio-ca`
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    issuer?: CertificateIssuer;
    /**
     * Pins the mesh's root of trust.
     * @default none (istio-csr trusts the CA its own serving certificate chains to)
     * @see https://cert-manager.io/docs/usage/istio-csr/installation/
     */
    rootCA?: RootCA;
}

const certificateAuthorityFields = {
    certManager: z
        .strictObject({
            version: chartVersion.default(CERT_MANAGER_VERSION),
            namespace: dnsLabel.default("cert-manager"),
            repository: z.url().default(JETSTACK_CHARTS),
        })
        .default({ version: CERT_MANAGER_VERSION, namespace: "cert-manager", repository: JETSTACK_CHARTS }),
    istioCsr: z
        .strictObject({
            version: chartVersion.default(ISTIO_CSR_VERSION),
            replicaCount: z.number().int().min(1, { error: "expected at least 1" }).default(1),
        })
        .default({ version: ISTIO_CSR_VERSION, replicaCount: 1 }),
    issuer: z
        .strictObject({
            selfSigned: z.boolean().default(true),
            name: objectName.default("istio-ca"),
            kind: z.enum(IssuerKind).default("Issuer"),
            group: z.string().min(1).default("cert-manager.io"),
        })
        .default({ selfSigned: true, name: "istio-ca", kind: "Issuer", group: "cert-manager.io" }),
    rootCA: z.strictObject({ secretName: objectName, key: z.string().min(1).default("ca.pem") }).optional(),
};

// cert-manager creates the self-signed chain as a namespaced Issuer; a ClusterIssuer must already exist.
function selfSignedIsIssuer(ca: { issuer: { selfSigned: boolean; kind: string } }): boolean {
    return !ca.issuer.selfSigned || ca.issuer.kind === "Issuer";
}
const selfSignedKindError = {
    error: "a self-signed chain is created as a namespaced Issuer; set kind: Issuer or selfSigned: false",
    path: ["issuer", "kind"],
};

/**
 * MeshCertificateAuthority's settings.
 * @internal
 */
export const certificateAuthoritySchema = schemaOf<CertificateAuthorityArgs>()(
    z.strictObject(certificateAuthorityFields).refine(selfSignedIsIssuer, selfSignedKindError));

/**
 * `istio-mesh:security.ca`: the same settings and whether to install the CA at all.
 * @internal
 */
export const certificateAuthorityConfigSchema = z
    .strictObject({ enabled: z.boolean(), ...certificateAuthorityFields })
    .refine(selfSignedIsIssuer, selfSignedKindError);

/** @internal */
export type CertificateAuthoritySettings = z.output<typeof certificateAuthoritySchema>;

/** Where istiod and the sidecars send certificate requests: istio-csr's gRPC Service. */
export function istioCsrAddress(certManagerNamespace: string): string {
    return `${ISTIO_CSR_RELEASE}.${certManagerNamespace}.svc:443`;
}

export function certManagerValues(namespace: string): HelmValues {
    return {
        // Issuers and Certificates vanish with their CRDs: install them with the chart and keep them on uninstall.
        crds: { enabled: true, keep: true },
        // kube-system (the default) is locked down on some managed clusters.
        global: { leaderElection: { namespace } },
    };
}

/** @internal */
export interface IstioCsrSettings {
    ca: CertificateAuthoritySettings;
    /** The control plane namespace: where certificate requests and istiod's certificate live. */
    istioNamespace: string;
    trustDomain: string;
    /** Control plane revision; istiod's certificate must name its Service. */
    revision?: string;
    /** Revisions side by side (a canary upgrade): each istiod-<revision> needs its certificate. */
    revisions?: string[];
}

/** @internal */
export function istioCsrValues(s: IstioCsrSettings): HelmValues {
    const { ca } = s;
    const rootCA = ca.rootCA;
    return {
        replicaCount: ca.istioCsr.replicaCount,
        app: {
            certmanager: {
                namespace: s.istioNamespace,
                issuer: { name: ca.issuer.name, kind: ca.issuer.kind, group: ca.issuer.group },
            },
            tls: {
                trustDomain: s.trustDomain,
                certificateDNSNames: [`${ISTIO_CSR_RELEASE}.${ca.certManager.namespace}.svc`],
                ...(rootCA ? { rootCAFile: `${ROOT_CA_MOUNT}/${rootCA.key}` } : {}),
            },
            // The chart names istiod's certificate after the default revision; a revisioned istiod needs its own too.
            istio: { namespace: s.istioNamespace, revisions: [...new Set(["default", ...(s.revision ? [s.revision] : []), ...(s.revisions ?? [])])] },
            controller: { leaderElectionNamespace: s.istioNamespace },
        },
        ...(rootCA
            ? {
                volumes: [{ name: "root-ca", secret: { secretName: rootCA.secretName } }],
                volumeMounts: [{ name: "root-ca", mountPath: ROOT_CA_MOUNT, readOnly: true }],
            }
            : {}),
    };
}

/**
 * The self-signed chain, in creation order: a self-signed Issuer, the root CA
 * Certificate it signs, and the CA Issuer (named as istio-csr expects) that
 * signs workload certificates with that root.
 * @internal
 */
export function selfSignedIssuerChain<Namespace>(ca: CertificateAuthoritySettings, namespace: Namespace, trustDomain: string): IstioObject<Namespace>[] {
    const name = ca.issuer.name;
    const selfSigned = `${name}-selfsigned`;
    return [
        { apiVersion: CERT_MANAGER_API, kind: "Issuer", metadata: { name: selfSigned, namespace }, spec: { selfSigned: {} } },
        {
            apiVersion: CERT_MANAGER_API,
            kind: "Certificate",
            metadata: { name, namespace },
            spec: {
                isCA: true,
                commonName: name,
                secretName: name,
                // The root outlives many workload certificates (istio-csr issues them for an hour).
                duration: "87600h",
                privateKey: { algorithm: "ECDSA", size: 256 },
                subject: { organizations: [trustDomain, "cert-manager"] },
                issuerRef: { name: selfSigned, kind: "Issuer", group: "cert-manager.io" },
            },
        },
        { apiVersion: CERT_MANAGER_API, kind: "Issuer", metadata: { name, namespace }, spec: { ca: { secretName: name } } },
    ];
}
