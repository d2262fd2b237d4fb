import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CertificateAuthorityArgs } from "../security/certificate-authority-values";
import { trustDomain as trustDomainName } from "../security/match";
import { MeshCertificateAuthority } from "../security/mesh-certificate-authority";
import { chartSource } from "../common/chart-source";
import { parseArgs, parseInput } from "../common/parse-args";
import { dnsLabel } from "../common/validation";
import { crdRetention } from "./crd-retention";
import {
    baseValues,
    cniValues,
    ControlPlaneSettings,
    gatewayValues,
    GatewaySettings,
    HelmValues,
    istiodValues,
    IstiodSettings,
    MeshConfig,
    ProxyDefaults,
} from "./helm-values";
import { DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION, HELM_PROFILES } from "./defaults";
import { helmProfile, helmRepository, ingressGatewaySchema, istiodSettingsSchema, pinnedVersion } from "./settings";

export { DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION };

export interface IngressGatewayArgs extends GatewaySettings {
    /** Namespace of its own for the gateway (Istio's advice: not istio-system). */
    namespace: string;
}

export interface IstioMeshArgs {
    /**
     * Chart version of base, istiod, gateway and cni: one pinned Istio version for all.
     * @default DEFAULT_ISTIO_VERSION ("1.30.3")
     * @see https://istio.io/latest/docs/releases/supported-releases/
     */
    version?: pulumi.Input<string>;
    /**
     * Helm repository of Istio's charts.
     * @default DEFAULT_ISTIO_REPOSITORY ("https://istio-release.storage.googleapis.com/charts")
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    repository?: pulumi.Input<string>;
    /**
     * A mirror for every chart this component installs (Istio's, and the mesh CA's):
     * an `oci://` or `http(s)://` Helm repository, or a folder of packaged charts
     * (`<chart>-<version>.tgz`). Overrides `repository`.
     */
    chartMirror?: string;
    /**
     * Namespace of the control plane.
     * @default "istio-system"
     */
    namespace?: string;
    /**
     * Istio's chart profile: `demo`, `stable` or `preview` (HELM_PROFILES).
     * @default the charts' own defaults (no profile)
     * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
     */
    helmProfile?: pulumi.Input<string>;
    /**
     * Revision of a revisioned control plane, such as `1-30-3` (a DNS label).
     * @default the default revision (no revision label)
     * @see https://istio.io/latest/docs/setup/upgrade/canary/
     */
    revision?: pulumi.Input<string>;
    /**
     * Install the Istio CNI node agent instead of privileged init containers.
     * @default false
     * @see https://istio.io/latest/docs/setup/additional-setup/cni/
     */
    cni?: boolean;
    /**
     * Let `pulumi destroy` and chart replacements delete the Istio CRDs (and so every Istio object).
     * @default false
     */
    allowCrdDeletion?: boolean;
    /** istiod's replicas, resources and disruption budget. */
    istiod: pulumi.Input<IstiodSettings>;
    /** The ingress gateway; none when omitted. */
    gateway?: pulumi.Input<IngressGatewayArgs>;
    /**
     * The mesh's trust domain (meshConfig.trustDomain), also given to the mesh CA.
     * @default "cluster.local" (Istio's)
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-trust_domain
     */
    trustDomain?: string;
    /** Extra `meshConfig` for istiod (extension providers, tracing, ...). */
    meshConfig?: pulumi.Input<MeshConfig>;
    /** Mesh-wide sidecar defaults (`global.proxy`), such as the proxies' resources. */
    proxy?: pulumi.Input<ProxyDefaults>;
    /**
     * Address of an external CA (such as istio-csr) that signs workload
     * certificates; istiod then runs no CA server of its own.
     */
    caAddress?: pulumi.Input<string>;
    /**
     * A mesh CA from cert-manager and istio-csr (MeshCertificateAuthority),
     * created between the control plane namespace and istiod, which waits for
     * it and sends certificate requests to it. Not together with caAddress.
     */
    certificateAuthority?: CertificateAuthorityArgs;
}

/**
 * Istio installed from its official Helm charts, in order: CRDs (base), then
 * istiod (and its webhooks) ready, then the ingress gateway. Anything that
 * creates Istio objects depends on `ready`.
 */
export class IstioMesh extends pulumi.ComponentResource {
    /** The Istio version installed. */
    readonly version: pulumi.Output<string>;
    /** The control plane's revision; undefined for the default revision. Label namespaces with it (MeshNamespace's `revision`). */
    readonly revision: pulumi.Output<string | undefined>;
    /** The control plane namespace. */
    readonly namespace: pulumi.Output<string>;
    /** Name of the ingress gateway's Service, when there is a gateway. */
    readonly gatewayService: pulumi.Output<string | undefined>;
    /** Namespace of the ingress gateway, when there is one: where its Gateways' TLS Secrets go. */
    readonly gatewayNamespace: pulumi.Output<string | undefined>;
    /** The Istio CRDs (base chart). */
    readonly crds: k8s.helm.v4.Chart;
    /** istiod, with its injection and validation webhooks. */
    readonly controlPlane: k8s.helm.v4.Chart;
    /** The ingress gateway (gateway chart), when `gateway` is given. */
    readonly gateway?: k8s.helm.v4.Chart;

    /**
     * Depend on these before creating any Istio resource or injected workload.
     * TypeScript only (an accessor, not an output): other languages depend on the component.
     */
    get ready(): pulumi.Resource[] {
        return this.gateway ? [this.controlPlane, this.gateway] : [this.controlPlane];
    }

    constructor(name: string, args: IstioMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:mesh:IstioMesh", name, {}, opts);
        if (args.certificateAuthority && args.caAddress !== undefined) {
            throw new Error(`IstioMesh ${name}: certificateAuthority and caAddress exclude each other: the mesh CA brings its own address`);
        }
        // The same rules as the stack config's istio.version, repository, helmProfile and revision.
        const subject = `IstioMesh ${name}`;
        const version = parseInput(pinnedVersion, args.version ?? DEFAULT_ISTIO_VERSION, subject, "version");
        const repository = parseInput(helmRepository, args.repository ?? DEFAULT_ISTIO_REPOSITORY, subject, "repository");
        // Typed as any string for other languages; the schema narrows it here.
        if (args.helmProfile !== undefined) parseInput(helmProfile, args.helmProfile as pulumi.Input<(typeof HELM_PROFILES)[number]>, subject, "helmProfile");
        if (args.revision !== undefined) parseInput(dnsLabel, args.revision, subject, "revision");
        const istioNamespace = parseArgs(dnsLabel, args.namespace ?? "istio-system", `IstioMesh ${name}`, "namespace");
        if (args.trustDomain !== undefined) parseArgs(trustDomainName, args.trustDomain, `IstioMesh ${name}`, "trustDomain");
        const istiodSettings = parseInput(istiodSettingsSchema, args.istiod, `IstioMesh ${name}`, "istiod");
        const ns = new k8s.core.v1.Namespace(`${name}-${istioNamespace}`, { metadata: { name: istioNamespace } }, { parent: this });
        // The mesh CA needs the control plane namespace (its issuer chain lives there) and istiod needs the CA.
        const ca = args.certificateAuthority && new MeshCertificateAuthority(`${name}-ca`, {
            istioNamespace: ns.metadata.name,
            trustDomain: args.trustDomain,
            revision: args.revision,
            ca: args.certificateAuthority,
            chartMirror: args.chartMirror,
        }, {
            parent: this,
            // Stacks deployed before IstioMesh owned the CA have it at the top level as `mesh-ca`
            // (this project's program); the alias adopts it and, by prefix, its children,
            // instead of deleting the live cert-manager namespace and reinstalling the charts.
            aliases: [{ name: "mesh-ca", parent: pulumi.rootStackResource }],
        });
        const settings = pulumi
            .all([args.helmProfile, args.revision, ca?.caAddress ?? args.caAddress])
            .apply(([helmProfile, revision, caAddress]): ControlPlaneSettings => ({
                namespace: istioNamespace,
                helmProfile,
                revision,
                cni: args.cni ?? false,
                caAddress,
            }));
        const chart = (chartName: string, release: pulumi.Input<string>, namespace: pulumi.Input<string>,
            values: pulumi.Input<HelmValues>, chartOpts: pulumi.ComponentResourceOptions) => {
            const source = pulumi.all([version, repository])
                .apply(([v, repo]) => chartSource({ chart: chartName, version: v, repository: repo }, args.chartMirror));
            return new k8s.helm.v4.Chart(`${name}-${chartName}`, {
                chart: source.chart,
                name: release,
                // Left undefined where the mirror does without them, as Pulumi omits undefined inputs.
                version: source.version as pulumi.Output<string>,
                repositoryOpts: source.repositoryOpts as pulumi.Output<k8s.types.input.helm.v4.RepositoryOpts>,
                namespace,
                values,
            }, { parent: this, ...chartOpts });
        };

        this.crds = chart("base", "istio-base", istioNamespace, settings.apply(baseValues), {
            dependsOn: [ns],
            transforms: [crdRetention(args.allowCrdDeletion ?? false)],
        });
        const beforeIstiod: pulumi.Resource[] = [this.crds, ...(ca?.ready ?? [])];
        if (args.cni) {
            beforeIstiod.push(chart("cni", "istio-cni", istioNamespace, settings.apply(cniValues), { dependsOn: [this.crds] }));
        }
        const release = pulumi.output(args.revision).apply((rev) => (rev ? `istiod-${rev}` : "istiod"));
        const trustDomain = args.trustDomain === undefined ? {} : { trustDomain: args.trustDomain };
        const istiod = pulumi
            .all([settings, istiodSettings, args.meshConfig, args.proxy])
            .apply(([s, i, mesh, proxy]) => istiodValues(s, i, { ...trustDomain, ...mesh }, proxy ?? {}));
        this.controlPlane = chart("istiod", release, istioNamespace, istiod, { dependsOn: beforeIstiod });

        if (args.gateway) {
            const gateway = parseInput(ingressGatewaySchema, args.gateway, `IstioMesh ${name}`, "gateway");
            const gatewayNs = new k8s.core.v1.Namespace(`${name}-gateway-namespace`, {
                metadata: { name: gateway.namespace },
            }, { parent: this });
            this.gateway = chart("gateway", gateway.name, gateway.namespace,
                pulumi.all([settings, gateway]).apply(([s, g]) => gatewayValues(s, g)),
                { dependsOn: [this.controlPlane, gatewayNs] });
            this.gatewayService = gateway.name;
            this.gatewayNamespace = gateway.namespace;
        } else {
            this.gatewayService = pulumi.output(undefined);
            this.gatewayNamespace = pulumi.output(undefined);
        }
        this.version = version;
        this.revision = pulumi.output(args.revision);
        this.namespace = ns.metadata.name;
        this.registerOutputs({
            version: this.version,
            revision: this.revision,
            namespace: this.namespace,
            gatewayService: this.gatewayService,
            gatewayNamespace: this.gatewayNamespace,
        });
    }
}
