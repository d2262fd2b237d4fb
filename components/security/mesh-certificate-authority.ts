import * as k8s from "@pulumi/kubernetes";
import * as certmanager from "@pulumi/kubernetes-cert-manager";
import * as pulumi from "@pulumi/pulumi";
import { parseArgs } from "../common/parse-args";
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
    trustDomain?: string;
    /** Control plane revision, if istiod is revisioned. */
    revision?: string;
    ca: CertificateAuthorityArgs;
}

/**
 * The mesh CA from cert-manager: cert-manager, the issuer (a self-signed chain,
 * or one that exists), then istio-csr, which signs workload and istiod
 * certificates with it. istiod must depend on `ready` and use `caAddress`.
 */
export class MeshCertificateAuthority extends pulumi.ComponentResource {
    readonly caAddress: string;
    /** istio-csr: ready once it has a serving certificate from the issuer. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: MeshCertificateAuthorityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("istio-mesh:security:MeshCertificateAuthority", name, {}, opts);
        const ca = parseArgs(certificateAuthoritySchema, args.ca, `MeshCertificateAuthority ${name}`);
        const trustDomain = args.trustDomain ?? DEFAULT_TRUST_DOMAIN;
        const namespace = ca.certManager.namespace;
        const repositoryOpts = { repo: ca.certManager.repository };

        const ns = new k8s.core.v1.Namespace(`${name}-${namespace}`, { metadata: { name: namespace } }, { parent: this });
        const certManager = new certmanager.CertManager(`${name}-cert-manager`, {
            helmOptions: {
                chart: "cert-manager",
                name: "cert-manager",
                namespace: ns.metadata.name,
                version: ca.certManager.version,
                repositoryOpts,
                values: certManagerValues(namespace),
            },
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

        const values = pulumi.output(args.istioNamespace).apply((istioNamespace) =>
            istioCsrValues({ ca, istioNamespace, trustDomain, revision: args.revision }));
        const istioCsr = new k8s.helm.v4.Chart(`${name}-istio-csr`, {
            chart: ISTIO_CSR_RELEASE,
            name: ISTIO_CSR_RELEASE,
            version: ca.istioCsr.version,
            repositoryOpts,
            namespace: ns.metadata.name,
            values,
        }, { parent: this, dependsOn: [certManager, ...issuers] });

        this.caAddress = istioCsrAddress(namespace);
        this.ready = [istioCsr];
        this.registerOutputs({ caAddress: this.caAddress });
    }
}
