import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CertificateAuthorityArgs } from "../security/certificate-authority-values";
import { trustDomain as trustDomainName } from "../security/match";
import { MeshCertificateAuthority } from "../security/mesh-certificate-authority";
import { chartSource } from "../common/chart-source";
import { fieldPath } from "../common/issues";
import { ArgsError, componentArgs, parseArgs, parseInput } from "../common/parse-args";
import { dnsLabel, ResourceRequirements } from "../common/validation";
import { crdRetention } from "./crd-retention";
import { ControlPlaneRevision, defaultRevisionOf, gatewayChartVersion, revisionProblems, tagsOf } from "./revisions";
import {
    baseValues,
    cniValues,
    ControlPlaneSettings,
    gatewayValues,
    HelmValues,
    istiodValues,
    GatewayServiceType,
    MeshConfig,
    ProxyDefaults,
} from "./helm-values";
import { DEFAULT_ISTIO_NAMESPACE, DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION, HELM_PROFILES, MeshProfile, meshPresets } from "./defaults";
import { egressGatewaySchema, helmProfile, helmRepository, ingressGatewaySchema, istiodSettingsSchema, meshProfile, pinnedVersion } from "./settings";

export { DEFAULT_ISTIO_NAMESPACE, DEFAULT_ISTIO_REPOSITORY, DEFAULT_ISTIO_VERSION, MeshProfile, meshPresets };
export type { MeshPreset } from "./defaults";

const TYPE = "istio-mesh:mesh:IstioMesh";

// Every argument, so that one IstioMesh does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof IstioMeshArgs, true> = {
    profile: true, version: true, repository: true, chartMirror: true, namespace: true, helmProfile: true, revision: true, revisions: true,
    revisionTags: true, cni: true, allowCrdDeletion: true, protect: true, istiod: true, gateway: true, egressGateway: true, trustDomain: true,
    meshConfig: true, proxy: true, caAddress: true, certificateAuthority: true, sidecarIngressTls: true,
};

// The given fields over the preset's; a field given as undefined keeps the preset's.
function overPreset<T extends object>(preset: T, given: object): T {
    return { ...preset, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
}

// overPreset for an argument that may be an Output.
function inputOverPreset<T extends object>(preset: T, given: pulumi.Input<object> | undefined): pulumi.Input<T> {
    if (given === undefined) return preset;
    if (pulumi.Output.isInstance(given) || given instanceof Promise) {
        return pulumi.output(given as pulumi.Input<object>).apply((g) => overPreset(preset, g ?? {}));
    }
    return overPreset(preset, given as object);
}

/** Replicas as arguments: each field left out comes from the `profile` (meshPresets). */
export interface ReplicaArgs {
    /**
     * Fewest replicas (the HorizontalPodAutoscaler's minReplicas; equal bounds: no autoscaler).
     * @default the profile's: 1 (demo), 2 (production)
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    autoscaleMin?: number;
    /**
     * Most replicas the autoscaler may run.
     * @default the profile's: 1 (demo), 5 (production)
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    autoscaleMax?: number;
    /**
     * CPU and memory requests and limits; replaces the profile's as a whole.
     * @default the profile's (demo: small requests; production: requests and limits)
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    resources?: ResourceRequirements;
    /**
     * A PodDisruptionBudget that keeps one replica through a node drain (needs autoscaleMin of at least 2 on a gateway).
     * @default the profile's: false (demo), true (production)
     * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
     */
    podDisruptionBudget?: boolean;
}

/** istiod's replicas, resources and disruption budget; fields left out come from the `profile`. */
export interface IstiodArgs extends ReplicaArgs {
    /**
     * istiod's replicas when there is no autoscaler.
     * @default the profile's: 1 (demo), 2 (production)
     * @see https://istio.io/latest/docs/ops/deployment/architecture/
     */
    replicaCount?: number;
}

/** A gateway (Istio's gateway chart); fields left out come from the `profile`. */
export interface GatewayArgs extends ReplicaArgs {
    /**
     * Helm release, Deployment and Service name of the gateway.
     * @default "istio-ingressgateway" (ingress), "istio-egressgateway" (egress)
     * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
     */
    name?: string;
    /**
     * The Kubernetes Service type of the gateway.
     * @default ingress: "NodePort" (demo), "LoadBalancer" (production); egress: "ClusterIP"
     * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/#determining-the-ingress-ip-and-ports
     */
    serviceType?: GatewayServiceType;
    /**
     * Control plane revision or revision tag whose istiod injects the gateway's proxies.
     * @default the mesh's own revision
     * @see https://istio.io/latest/docs/setup/upgrade/canary/
     */
    revision?: string;
}

export interface IngressGatewayArgs extends GatewayArgs {
    /**
     * Namespace of its own for the gateway (Istio's advice: not istio-system).
     * @default "istio-ingress"
     * @see https://istio.io/latest/docs/setup/additional-setup/gateway/#deploying-a-gateway
     */
    namespace?: string;
}

export interface EgressGatewayArgs extends GatewayArgs {
    /**
     * Its namespace, created unless it is the control plane's (where Istio's egress gateway tasks
     * look for `istio-egressgateway`).
     * @default the control plane's namespace
     * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
     */
    namespace?: string;
}

export interface IstioMeshArgs {
    /**
     * The preset that fills every argument left out: istiod's and the gateways' replicas, resources
     * and disruption budgets, the gateway's Service type, `helmProfile` and `protect` (meshPresets).
     * Arguments given override the preset's value field by field.
     * @default "demo"
     * @see https://istio.io/latest/docs/setup/additional-setup/config-profiles/
     */
    profile?: MeshProfile;
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
     * @default none (each chart's public repository)
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    chartMirror?: string;
    /**
     * Namespace of the control plane.
     * @default "istio-system"
     * @see https://istio.io/latest/docs/setup/install/helm/
     */
    namespace?: string;
    /**
     * Istio's chart profile: `demo`, `stable` or `preview` (HELM_PROFILES).
     * @default the profile's: "demo" (demo), none: the charts' own defaults (production)
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
     * Control planes side by side for a canary upgrade, each its own istiod
     * Release `istiod-<name>` of its own chart version. `version` is then the
     * base chart's (the CRDs), at least as new as every revision. Not together with `revision`.
     * @default none (one control plane)
     * @see https://istio.io/latest/docs/setup/upgrade/canary/
     */
    revisions?: ControlPlaneRevision[];
    /**
     * Revision tags (`prod-stable`) and the revision each points at; `default` also serves `istio-injection=enabled`.
     * @default none
     * @see https://istio.io/latest/docs/setup/upgrade/canary/#stable-revision-labels
     */
    revisionTags?: Record<string, string>;
    /**
     * Install the Istio CNI node agent instead of privileged init containers.
     * @default false
     * @see https://istio.io/latest/docs/setup/additional-setup/cni/
     */
    cni?: boolean;
    /**
     * Let `pulumi destroy` and chart replacements delete the Istio CRDs (and so every Istio object).
     * @default false
     * @see https://istio.io/latest/docs/setup/install/helm/#uninstall
     */
    allowCrdDeletion?: boolean;
    /**
     * `protect` the control plane namespace, the CRDs (base), istiod, the CNI agent and the
     * mesh CA: deleting any of them fails until this is lifted (then `pulumi up`, then `pulumi destroy`).
     * The component's own `protect` option protects everything it creates, whatever this says.
     * @default the profile's: false (demo), true (production)
     * @see https://www.pulumi.com/docs/iac/concepts/options/protect/
     */
    protect?: boolean;
    /**
     * istiod's replicas, resources and disruption budget, each field over the profile's.
     * @default the profile's (meshPresets[profile].istiod)
     * @see https://istio.io/latest/docs/ops/deployment/architecture/
     */
    istiod?: pulumi.Input<IstiodArgs>;
    /**
     * The ingress gateway, each field over the profile's (`{}` for the profile's gateway).
     * @default none (no ingress gateway)
     * @see https://istio.io/latest/docs/setup/additional-setup/gateway/
     */
    gateway?: pulumi.Input<IngressGatewayArgs>;
    /**
     * An egress gateway (the gateway chart installed once more, such as `istio-egressgateway` with a
     * ClusterIP Service) that Gateways and routes can send outbound traffic through, each field over
     * the profile's. Not an Input: whether its namespace is created is decided when the component is constructed.
     * @default none (no egress gateway)
     * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-gateway/
     */
    egressGateway?: EgressGatewayArgs;
    /**
     * The mesh's trust domain (meshConfig.trustDomain), also given to the mesh CA.
     * @default "cluster.local" (Istio's)
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-trust_domain
     */
    trustDomain?: string;
    /**
     * Extra `meshConfig` for istiod (extension providers, tracing, ...).
     * @default none (Istio's MeshConfig defaults)
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/
     */
    meshConfig?: pulumi.Input<MeshConfig>;
    /**
     * Mesh-wide sidecar defaults (`global.proxy`), such as the proxies' resources.
     * @default none (the istiod chart's)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPU
     */
    proxy?: pulumi.Input<ProxyDefaults>;
    /**
     * Address of an external CA (such as istio-csr) that signs workload
     * certificates; istiod then runs no CA server of its own.
     * @default none (istiod is the CA)
     * @see https://istio.io/latest/docs/tasks/security/cert-management/custom-ca-k8s/
     */
    caAddress?: pulumi.Input<string>;
    /**
     * A mesh CA from cert-manager and istio-csr (MeshCertificateAuthority),
     * created between the control plane namespace and istiod, which waits for
     * it and sends certificate requests to it. Not together with caAddress.
     * @default none (istiod is the CA)
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    certificateAuthority?: CertificateAuthorityArgs;
    /**
     * Let Sidecars terminate TLS on their ingress listeners (`tls` of a Sidecar's `ingress`, WorkloadSidecar):
     * istiod's experimental ENABLE_TLS_ON_SIDECAR_INGRESS, without which istiod ignores that `tls`.
     * @default false
     * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-sidecar-tls-termination/
     */
    sidecarIngressTls?: boolean;
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
    /** istiod, with its injection and validation webhooks (the first revision's, with revisions). */
    readonly controlPlane: k8s.helm.v4.Chart;
    /** Every istiod: one per revision. */
    readonly controlPlanes: k8s.helm.v4.Chart[];
    /** The ingress gateway (gateway chart), when `gateway` is given. */
    readonly gateway?: k8s.helm.v4.Chart;
    /** The egress gateway (gateway chart), when `egressGateway` is given. */
    readonly egressGateway?: k8s.helm.v4.Chart;

    /**
     * Depend on these before creating any Istio resource or injected workload.
     * TypeScript only (an accessor, not an output): other languages depend on the component.
     */
    get ready(): pulumi.Resource[] {
        return this.gateway ? [...this.controlPlanes, this.gateway] : [...this.controlPlanes];
    }

    constructor(name: string, args: IstioMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        if (args.certificateAuthority && args.caAddress !== undefined) {
            throw new ArgsError(subject, ["certificateAuthority and caAddress exclude each other: the mesh CA brings its own address"]);
        }
        const preset = meshPresets[parseArgs(meshProfile, args.profile ?? MeshProfile.demo, subject, "profile")];
        const revisions = args.revisions ?? [];
        const tags = args.revisionTags ?? {};
        const protect = args.protect ?? preset.protect;
        const chosenHelmProfile = args.helmProfile ?? preset.helmProfile;
        // The same rules as the stack config's istio.version, repository, helmProfile and revision.
        const version = parseInput(pinnedVersion, args.version ?? DEFAULT_ISTIO_VERSION, subject, "version");
        const repository = parseInput(helmRepository, args.repository ?? DEFAULT_ISTIO_REPOSITORY, subject, "repository");
        // Typed as any string for other languages; the schema narrows it here.
        if (args.helmProfile !== undefined) parseInput(helmProfile, args.helmProfile as pulumi.Input<(typeof HELM_PROFILES)[number]>, subject, "helmProfile");
        if (args.revision !== undefined) parseInput(dnsLabel, args.revision, subject, "revision");
        const istioNamespace = parseArgs(dnsLabel, args.namespace ?? DEFAULT_ISTIO_NAMESPACE, subject, "namespace");
        if (args.trustDomain !== undefined) parseArgs(trustDomainName, args.trustDomain, subject, "trustDomain");
        const istiodSettings = parseInput(istiodSettingsSchema, inputOverPreset(preset.istiod, args.istiod), subject, "istiod");
        const gatewayArgs = args.gateway && parseInput(ingressGatewaySchema, inputOverPreset(preset.gateway, args.gateway), subject, "gateway");
        const egress = args.egressGateway && parseArgs(egressGatewaySchema, overPreset(preset.egressGateway, args.egressGateway), subject, "egressGateway");
        // What a planned uninstall must unlock first: the objects whose loss takes the mesh down. A chart's
        // objects inherit `protect` from it (the provider registers them as its children); left unset,
        // everything here inherits this component's own `protect` option.
        const guarded: pulumi.CustomResourceOptions = protect ? { protect: true } : {};
        const ns = new k8s.core.v1.Namespace(`${name}-${istioNamespace}`, { metadata: { name: istioNamespace } }, { parent: this, ...guarded });
        // The mesh CA needs the control plane namespace (its issuer chain lives there) and istiod needs the CA.
        const ca = args.certificateAuthority && new MeshCertificateAuthority(`${name}-ca`, {
            istioNamespace: ns.metadata.name,
            trustDomain: args.trustDomain,
            revision: args.revision,
            revisions: revisions.map((r) => r.name),
            ca: args.certificateAuthority,
            chartMirror: args.chartMirror,
        }, {
            parent: this,
            ...guarded,
            // Stacks deployed before IstioMesh owned the CA have it at the top level as `mesh-ca`
            // (this project's program); the alias adopts it and, by prefix, its children,
            // instead of deleting the live cert-manager namespace and reinstalling the charts.
            aliases: [{ name: "mesh-ca", parent: pulumi.rootStackResource }],
        });
        // Throws the problems of the revisions, tags and versions together, naming the arguments.
        const checkRevisions = (v: string, revision: string | undefined, gateway: { revision?: string } | undefined) => {
            const problems = revisionProblems({ version: v, revision, revisions, tags, gateway, egressGateway: egress });
            if (problems.length > 0) throw new ArgsError(subject, problems.map((p) => `${fieldPath(p.path)}: ${p.message}`));
        };
        if (typeof args.version !== "object" && typeof args.revision !== "object" && (args.gateway === undefined || !pulumi.Output.isInstance(args.gateway))) {
            checkRevisions(args.version ?? DEFAULT_ISTIO_VERSION, args.revision, args.gateway as { revision?: string } | undefined);
        }
        const settings = pulumi
            .all([chosenHelmProfile, args.revision, ca?.caAddress ?? args.caAddress, version, gatewayArgs])
            .apply(([helmProfile, revision, caAddress, v, gateway]): ControlPlaneSettings => {
                checkRevisions(v, revision, gateway);
                return {
                    namespace: istioNamespace,
                    helmProfile,
                    revision,
                    cni: args.cni ?? false,
                    caAddress,
                    ...(args.sidecarIngressTls ? { sidecarIngressTls: true } : {}),
                    ...(revisions.length > 0 ? { defaultRevision: defaultRevisionOf(revisions, tags) } : {}),
                };
            });
        const chart = (chartName: string, resourceName: string, release: pulumi.Input<string>, chartVersion: pulumi.Input<string>,
            namespace: pulumi.Input<string>, values: pulumi.Input<HelmValues>, chartOpts: pulumi.ComponentResourceOptions,
            resourcePrefix?: string) => {
            const source = pulumi.all([chartVersion, repository])
                .apply(([v, repo]) => chartSource({ chart: chartName, version: v, repository: repo }, args.chartMirror));
            return new k8s.helm.v4.Chart(resourceName, {
                chart: source.chart,
                name: release,
                // Left undefined where the mirror does without them, as Pulumi omits undefined inputs.
                version: source.version as pulumi.Output<string>,
                repositoryOpts: source.repositoryOpts as pulumi.Output<k8s.types.input.helm.v4.RepositoryOpts>,
                namespace,
                values,
                ...(resourcePrefix ? { resourcePrefix } : {}),
            }, { parent: this, ...chartOpts });
        };

        // The CRDs first: a new revision's istiod and gateway wait for them.
        this.crds = chart("base", `${name}-base`, "istio-base", version, istioNamespace, settings.apply(baseValues), {
            dependsOn: [ns],
            ...guarded,
            transforms: [crdRetention(args.allowCrdDeletion ?? false)],
        });
        const beforeIstiod: pulumi.Resource[] = [this.crds, ...(ca?.ready ?? [])];
        if (args.cni) {
            beforeIstiod.push(chart("cni", `${name}-cni`, "istio-cni", version, istioNamespace, settings.apply(cniValues), { dependsOn: [this.crds], ...guarded }));
        }
        const trustDomain = args.trustDomain === undefined ? {} : { trustDomain: args.trustDomain };
        const istiodOf = (s: pulumi.Input<ControlPlaneSettings>) => pulumi
            .all([s, istiodSettings, args.meshConfig, args.proxy])
            .apply(([cp, i, mesh, proxy]) => istiodValues(cp, i, { ...trustDomain, ...mesh }, proxy ?? {}));
        if (revisions.length === 0) {
            const release = pulumi.output(args.revision).apply((rev) => (rev ? `istiod-${rev}` : "istiod"));
            this.controlPlanes = [chart("istiod", `${name}-istiod`, release, version, istioNamespace, istiodOf(settings), { dependsOn: beforeIstiod, ...guarded })];
        } else {
            // One Release per revision, all with the unrevisioned chart's resourcePrefix. A child's URN
            // holds its parents' types, not their names, so a tag's webhook and Service have one URN
            // whichever revision's chart renders them: moving the tag updates them in place, where
            // another prefix would create them under the new chart and then delete them under the old.
            this.controlPlanes = revisions.map((r) => chart("istiod", `${name}-istiod-${r.name}`, `istiod-${r.name}`, r.version, istioNamespace,
                istiodOf(settings.apply((s) => ({ ...s, revision: r.name, revisionTags: tagsOf(r.name, tags) }))),
                { dependsOn: beforeIstiod, ...guarded }, `${name}-istiod`));
        }
        this.controlPlane = this.controlPlanes[0];

        if (gatewayArgs) {
            const gatewayNs = new k8s.core.v1.Namespace(`${name}-gateway-namespace`, {
                metadata: { name: gatewayArgs.apply((g) => g.namespace) },
            }, { parent: this });
            // A revisioned gateway runs its revision's chart: it moves to a new version with its own step.
            const gatewayVersion = pulumi.all([version, gatewayArgs]).apply(([v, g]) => gatewayChartVersion(v, g.revision, revisions, tags));
            this.gateway = chart("gateway", `${name}-gateway`, gatewayArgs.apply((g) => g.name), gatewayVersion, gatewayArgs.apply((g) => g.namespace),
                pulumi.all([settings, gatewayArgs]).apply(([s, g]) => gatewayValues(s, g)),
                { dependsOn: [...this.controlPlanes, gatewayNs] });
            this.gatewayService = gatewayArgs.apply((g) => g.name);
            this.gatewayNamespace = gatewayArgs.apply((g) => g.namespace);
        } else {
            this.gatewayService = pulumi.output(undefined);
            this.gatewayNamespace = pulumi.output(undefined);
        }
        if (egress) {
            const namespace = egress.namespace ?? istioNamespace;
            const egressNs = namespace === istioNamespace ? ns : new k8s.core.v1.Namespace(`${name}-egressgateway-namespace`, {
                metadata: { name: namespace },
            }, { parent: this });
            // Not part of `ready`: Gateways and routes through it need istiod's webhook, not the gateway's pods.
            // Like the ingress gateway, it runs the chart of the revision it names.
            const egressVersion = version.apply((v) => gatewayChartVersion(v, egress.revision, revisions, tags));
            this.egressGateway = chart("gateway", `${name}-egressgateway`, egress.name, egressVersion, namespace,
                settings.apply((s) => gatewayValues(s, egress)), { dependsOn: [...this.controlPlanes, egressNs] });
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
