import { strict as assert } from "assert";
import { IstioMesh, IstioMeshArgs } from "../components/mesh/istio-mesh";
import { runProgram } from "./helpers/mock-program";

/**
 * IstioMesh checks its own arguments with the rules the stack config uses
 * (components/mesh/settings.ts), so a program using the package gets the same
 * errors as this repo's stacks, naming the component and field.
 */

const replicas = { autoscaleMin: 1, autoscaleMax: 1, resources: {}, podDisruptionBudget: false };
const istiod = { replicaCount: 1, ...replicas };
const gateway = { name: "istio-ingressgateway", namespace: "istio-ingress", serviceType: "NodePort" as const, ...replicas };

// Constructs under mocks and returns the error the constructor throws, if any.
async function constructionError(args: IstioMeshArgs): Promise<string | undefined> {
    let message: string | undefined;
    await runProgram({}, "mesh-args", [], async () => {
        try {
            new IstioMesh("istio", args);
        } catch (e) {
            message = (e as Error).message;
        }
        return {};
    });
    return message;
}

describe("IstioMesh arguments", () => {
    it("accepts the smallest arguments, and a gateway", async () => {
        assert.equal(await constructionError({ istiod }), undefined);
        assert.equal(await constructionError({ istiod, gateway }), undefined);
    });

    const cases: Array<[string, IstioMeshArgs, string]> = [
        ["an autoscaling range upside down", { istiod: { ...istiod, autoscaleMin: 3, autoscaleMax: 2 } },
            "IstioMesh istio: istiod.autoscaleMin: autoscaleMin must not exceed autoscaleMax, got 3"],
        ["a fractional replica count", { istiod: { ...istiod, replicaCount: 1.5 } },
            "IstioMesh istio: istiod.replicaCount: expected a whole number, got 1.5"],
        ["a CPU that is no quantity", { istiod: { ...istiod, resources: { requests: { cpu: "half" } } } },
            "IstioMesh istio: istiod.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got \"half\""],
        ["a gateway PDB with one replica", { istiod, gateway: { ...gateway, podDisruptionBudget: true } },
            "IstioMesh istio: gateway.podDisruptionBudget: podDisruptionBudget needs autoscaleMin of at least 2, got true"],
        ["an unknown Service type", { istiod, gateway: { ...gateway, serviceType: "External" as never } },
            "IstioMesh istio: gateway.serviceType: expected one of \"LoadBalancer\", \"NodePort\", \"ClusterIP\", got \"External\""],
        ["a control plane namespace that is no DNS label", { istiod, namespace: "Istio_System" },
            "IstioMesh istio: namespace: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got \"Istio_System\""],
        ["a trust domain that is no DNS name", { istiod, trustDomain: "Shop Example" },
            "IstioMesh istio: trustDomain: expected a trust domain: a DNS name such as cluster.local, got \"Shop Example\""],
        ["a misspelt argument, with the one it was meant to be", { istiod: { ...istiod, replicaCont: 2 } as never },
            "IstioMesh istio: istiod.replicaCont: unknown key; allowed here: replicaCount, autoscaleMin, autoscaleMax, resources, podDisruptionBudget; did you mean replicaCount?"],
        ["a tag on a missing revision and CRDs older than a revision", {
            istiod, version: "1.29.6", revisions: [{ name: "1-30-3", version: "1.30.3" }], revisionTags: { stable: "1-29-6", default: "1-30-3" },
        }, "IstioMesh istio: version: the CRDs (base chart 1.29.6) are older than revision 1-30-3 (1.30.3): set version to at least 1.30.3, " +
            "which upgrades the CRDs before that istiod; never lower it again while a revision runs; revisionTags.stable: tag stable points at 1-29-6, " +
            "which is not in revisions (1-30-3)"],
        ["a gateway on a revision the mesh does not run", { istiod, revisions: [{ name: "1-30-3", version: "1.30.3" }], gateway: { ...gateway, revision: "1-29-6" } },
            "IstioMesh istio: gateway.revision: 1-29-6 is neither a revision nor a tag of this mesh (known: 1-30-3); move namespaces and the gateway off a revision before removing it"],
        ["an egress gateway on a revision the mesh does not run", { istiod, revisions: [{ name: "1-30-3", version: "1.30.3" }], revisionTags: { default: "1-30-3" },
            egressGateway: { ...gateway, name: "istio-egressgateway", serviceType: "ClusterIP", revision: "1-29-6" } },
            "IstioMesh istio: egressGateway.revision: 1-29-6 is neither a revision nor a tag of this mesh (known: 1-30-3, default); move namespaces and the gateway off a revision before removing it"],
        // version, repository, helmProfile and revision: the stack config's rules (stacks/schema.ts uses the same schemas).
        ["an unpinned version", { istiod, version: "latest" },
            "IstioMesh istio: version: expected a pinned version like 1.30.3, got \"latest\""],
        ["a repository that is no URL", { istiod, repository: "istio-release" },
            "IstioMesh istio: repository: expected a Helm repository URL such as https://istio-release.storage.googleapis.com/charts, got \"istio-release\""],
        ["a Helm profile that leaves sidecar mode", { istiod, helmProfile: "ambient" },
            "IstioMesh istio: helmProfile: expected one of \"demo\", \"stable\", \"preview\", got \"ambient\""],
        ["a revision that is no DNS label", { istiod, revision: "1.30.3" },
            "IstioMesh istio: revision: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got \"1.30.3\""],
        ["a CA address next to the mesh CA", { istiod, caAddress: "ca.example:443", certificateAuthority: {} },
            "IstioMesh istio: certificateAuthority and caAddress exclude each other: the mesh CA brings its own address"],
    ];
    for (const [what, args, message] of cases) {
        it(`rejects ${what}, naming the component and field`, async () => {
            assert.equal(await constructionError(args), message);
        });
    }
});
