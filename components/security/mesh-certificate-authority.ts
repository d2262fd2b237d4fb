import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { chartSource } from "../common/chart-source";
import { componentArgs, parseArgs } from "../common/parse-args";
import { DEFAULT_TRUST_DOMAIN } from "./authorization-policy";
import {
    CertificateAuthorityArgs,
    certificateAuthoritySchema,
    certManagerValues,
    ISTIO_CSR_RELEASE,
    istioCsrAddress,
    istioCsrValues,
    selfSignedIssuerChain,
} from "./certificate-authority-values";
import { registerObject } from "./istio-object";

export interface MeshCertificateAuthorityArgs {
    /** The control plane namespace; pass the Namespace's Output so the chain waits for it. */
    istioNamespace: pulumi.Input<string>;
    /**
     * Trust domain of the mesh (meshConfig.trustDomain); `cluster.local` by default.
     * @default "cluster.local" (DEFAULT_TRUST_DOMAIN)
     * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-trust_domain
     */
    trustDomain?: string;
    /**
     * Control plane revision, if istiod is revisioned.
     * @default none (the default revision)
     * @see https://istio.io/latest/docs/setup/upgrade/canary/
     */
    revision?: pulumi.Input<string>;
    /**
     * Control plane revisions side by side during a canary upgrade.
     * @default none (one control plane)
     * @see https://istio.io/latest/docs/setup/upgrade/canary/
     */
    revisions?: string[];
    ca: CertificateAuthorityArgs;
    /**
     * A mirror for cert-manager's and istio-csr's charts (see IstioMeshArgs.chartMirror).
     * @default none (cert-manager's public repository)
     * @see https://istio.io/latest/docs/ops/integrations/certmanager/
     */
    chartMirror?: string;
}

const TYPE = "istio-mesh:security:MeshCertificateAuthority";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof MeshCertificateAuthorityArgs, true> = { istioNamespace: true, ca: true, trustDomain: true, revision: true, revisions: true, chartMirror: true };

/**
 * The mesh CA from cert-manager: cert-manager, the issuer (a self-signed chain,
 * or one that exists), then istio-csr, which signs workload and istiod
 * certificates with it. istiod must depend on `ready` and use `caAddress`
 * (IstioMesh does both when given `certificateAuthority`).
 */
export class MeshCertificateAuthority extends pulumi.ComponentResource {
    /** Where istiod and the sidecars send certificate requests (istio-csr's gRPC Service). */
    readonly caAddress: string;
    /** istio-csr, which signs certificates through the issuer. */
    readonly istioCsr: k8s.helm.v4.Chart;

    /**
     * istio-csr: ready once it has a serving certificate from the issuer.
     * TypeScript only (an accessor, not an output): other languages depend on the component.
     */
    get ready(): pulumi.Resource[] {
        return [this.istioCsr];
    }

    constructor(name: string, args: MeshCertificateAuthorityArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        const ca = parseArgs(certificateAuthoritySchema, args.ca, subject, "ca");
        const trustDomain = args.trustDomain ?? DEFAULT_TRUST_DOMAIN;
        const namespace = ca.certManager.namespace;
        const repository = ca.certManager.repository;

        const ns = new k8s.core.v1.Namespace(`${name}-${namespace}`, { metadata: { name: namespace } }, { parent: this });
        // cert-manager's own chart, like every other chart here, rather than the
        // kubernetes-cert-manager component: one less provider plugin to install, and
        // the same pinning, mirror and preview diff as the rest of the mesh.
        const certManager = new k8s.helm.v4.Chart(`${name}-cert-manager`, {
            ...chartSource({ chart: "cert-manager", version: ca.certManager.version, repository }, args.chartMirror),
            name: "cert-manager",
            namespace: ns.metadata.name,
            values: certManagerValues(namespace),
        }, { parent: this });

        // Each link waits for the one before: the Certificate needs its Issuer, the CA Issuer its Secret.
        const issuers: pulumi.Resource[] = [];
        if (ca.issuer.selfSigned) {
            let previous: pulumi.Resource = certManager;
            for (const object of selfSignedIssuerChain(ca, args.istioNamespace, trustDomain)) {
                previous = registerObject(`${name}-${object.kind.toLowerCase()}-${object.metadata.name}`, object,
                    { parent: this, dependsOn: [previous] });
                issuers.push(previous);
            }
        }

        const values = pulumi.all([args.istioNamespace, args.revision]).apply(([istioNamespace, revision]) =>
            istioCsrValues({ ca, istioNamespace, trustDomain, revision, revisions: args.revisions }));
        this.istioCsr = new k8s.helm.v4.Chart(`${name}-istio-csr`, {
            ...chartSource({ chart: ISTIO_CSR_RELEASE, version: ca.istioCsr.version, repository }, args.chartMirror),
            name: ISTIO_CSR_RELEASE,
            namespace: ns.metadata.name,
            values,
        }, { parent: this, dependsOn: [certManager, ...issuers] });

        this.caAddress = istioCsrAddress(namespace);
        this.registerOutputs({ caAddress: this.caAddress });
    }
}
