import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ArgsError } from "../components/common/parse-args";
import { IstioMesh, IstioMeshArgs, MeshProfile, meshPresets } from "../components/mesh/istio-mesh";
import { presets } from "../stacks/presets";
import { ProgramRun, runProgram } from "./helpers/mock-program";

/**
 * IstioMesh checks its own arguments with the rules the stack config uses
 * (components/mesh/settings.ts), so a program using the package gets the same
 * errors as this repo's stacks, naming the component and field.
 */

const replicas = { autoscaleMin: 1, autoscaleMax: 1, resources: {}, podDisruptionBudget: false };
const istiod = { replicaCount: 1, ...replicas };
const gateway = { name: "istio-ingressgateway", namespace: "istio-ingress", serviceType: "NodePort" as const, ...replicas };

// How every line of an IstioMesh argument error starts: the component's type token and name.
const M = 'istio-mesh:mesh:IstioMesh "istio": ';

// Constructs under mocks and returns the error the constructor throws, if any (an ArgsError, or the test fails).
async function constructionError(args: IstioMeshArgs): Promise<string | undefined> {
    let message: string | undefined;
    await runProgram({}, "mesh-args", [], async () => {
        try {
            new IstioMesh("istio", args);
        } catch (e) {
            assert.ok(e instanceof ArgsError, `an ArgsError, not ${String(e)}`);
            message = e.message;
        }
        return {};
    });
    return message;
}

// What IstioMesh registers for `args`, each resource's type, name, inputs and protection, in order.
async function registered(args: IstioMeshArgs, opts?: pulumi.ComponentResourceOptions): Promise<unknown[]> {
    const run: ProgramRun = await runProgram({}, "mesh-args", [], async () => {
        new IstioMesh("istio", args, opts);
        return {};
    });
    return run.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, protect: r.protect }));
}

// The arguments a profile stands for, written out in full (the profile named too: a Helm profile left out is the profile's).
function explicit(profile: MeshProfile): IstioMeshArgs {
    const { helmProfile, protect, istiod, gateway, egressGateway } = meshPresets[profile];
    return { profile, helmProfile, protect, istiod, gateway, egressGateway };
}

describe("IstioMesh defaults: the profile presets", () => {
    it("new IstioMesh(name, {}) works and registers the demo preset's control plane", async () => {
        assert.equal(await constructionError({}), undefined);
        const { helmProfile, istiod: demoIstiod } = meshPresets.demo;
        const resources = await registered({}) as Array<{ name: string; inputs: Record<string, any> }>;
        const values = resources.find((r) => r.name === "istio-istiod")!.inputs.values;
        assert.equal(values.profile, helmProfile);
        assert.equal(values.replicaCount, demoIstiod.replicaCount);
        assert.deepEqual(values.resources, demoIstiod.resources);
        assert.ok(!resources.some((r) => r.name === "istio-gateway"), "no gateway unless asked for");
        const { gateway: _, egressGateway: __, ...demoControlPlane } = explicit("demo");
        assert.deepEqual(await registered({}), await registered(demoControlPlane));
    });

    for (const profile of Object.values(MeshProfile)) {
        it(`profile ${profile} registers exactly what its preset's values written out do, gateways included`, async () => {
            const gateways = { gateway: {}, egressGateway: {} };
            assert.deepEqual(await registered({ profile, ...gateways }), await registered(explicit(profile)));
        });
    }

    it("profile production: two istiod replicas with a PDB, a LoadBalancer gateway, protected, no Helm profile", async () => {
        const resources = await registered({ profile: "production", gateway: {} }) as Array<{ name: string; inputs: Record<string, any>; protect: boolean }>;
        const istiodChart = resources.find((r) => r.name === "istio-istiod")!;
        assert.equal(istiodChart.inputs.values.replicaCount, 2);
        assert.deepEqual(istiodChart.inputs.values.pdb, { minAvailable: 1 });
        assert.equal(istiodChart.inputs.values.profile, undefined);
        assert.equal(istiodChart.protect, true);
        const gatewayChart = resources.find((r) => r.name === "istio-gateway")!;
        assert.equal(gatewayChart.inputs.values.service.type, "LoadBalancer");
        assert.equal(gatewayChart.inputs.name, "istio-ingressgateway");
        assert.equal(gatewayChart.inputs.namespace, "istio-ingress");
    });

    it("a caller's protect option on IstioMesh reaches every resource it creates, the namespace and the CRDs too", async () => {
        const resources = await registered({ gateway: {}, cni: true }, { protect: true }) as Array<{ type: string; name: string; protect: boolean }>;
        const created = resources.filter((r) => !r.type.startsWith("pulumi:providers:") && r.name !== "istio");
        assert.ok(["istio-istio-system", "istio-base", "istio-istiod", "istio-cni", "istio-gateway"].every((n) => created.some((r) => r.name === n)));
        assert.deepEqual(created.filter((r) => !r.protect).map((r) => r.name), []);
        // Without it, the demo profile protects nothing.
        assert.deepEqual((await registered({}) as Array<{ protect: boolean }>).filter((r) => r.protect), []);
    });

    it("arguments given override the preset field by field, also when they are Outputs", async () => {
        const overridden = { profile: "production" as const, protect: false, istiod: { replicaCount: 3 }, gateway: { serviceType: "NodePort" as const } };
        const written = explicit("production");
        const expected = await registered({
            ...written, protect: false, istiod: { ...meshPresets.production.istiod, replicaCount: 3 },
            gateway: { ...meshPresets.production.gateway, serviceType: "NodePort" }, egressGateway: undefined,
        });
        assert.deepEqual(await registered(overridden), expected);
        assert.deepEqual(await registered({ ...overridden, istiod: pulumi.output({ replicaCount: 3 }) }), expected);
    });

    it("the stack presets' istio section is the component's preset (one source of defaults)", () => {
        for (const profile of Object.values(MeshProfile)) assert.deepEqual(presets[profile].istio, meshPresets[profile]);
    });

    it("an unknown profile is refused with the allowed ones", async () => {
        assert.equal(await constructionError({ profile: "prod" as never }),
            `${M}profile: expected one of "demo", "production", got "prod"`);
    });
});

describe("IstioMesh arguments", () => {
    it("accepts the smallest arguments, and a gateway", async () => {
        assert.equal(await constructionError({ istiod }), undefined);
        assert.equal(await constructionError({ istiod, gateway }), undefined);
    });

    const cases: Array<[string, IstioMeshArgs, string]> = [
        ["an autoscaling range upside down", { istiod: { ...istiod, autoscaleMin: 3, autoscaleMax: 2 } },
            M + "istiod.autoscaleMin: autoscaleMin must not exceed autoscaleMax, got 3"],
        ["a fractional replica count", { istiod: { ...istiod, replicaCount: 1.5 } },
            M + "istiod.replicaCount: expected a whole number, got 1.5"],
        ["a CPU that is no quantity", { istiod: { ...istiod, resources: { requests: { cpu: "half" } } } },
            M + "istiod.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got \"half\""],
        ["a gateway PDB with one replica", { istiod, gateway: { ...gateway, podDisruptionBudget: true } },
            M + "gateway.podDisruptionBudget: podDisruptionBudget needs autoscaleMin of at least 2, got true"],
        ["an unknown Service type", { istiod, gateway: { ...gateway, serviceType: "External" as never } },
            M + "gateway.serviceType: expected one of \"LoadBalancer\", \"NodePort\", \"ClusterIP\", got \"External\""],
        ["a control plane namespace that is no DNS label", { istiod, namespace: "Istio_System" },
            M + "namespace: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got \"Istio_System\""],
        ["a trust domain that is no DNS name", { istiod, trustDomain: "Shop Example" },
            M + "trustDomain: expected a trust domain: a DNS name such as cluster.local, got \"Shop Example\""],
        ["a misspelt argument, with the one it was meant to be", { istiod: { ...istiod, replicaCont: 2 } as never },
            M + "istiod.replicaCont: unknown key; allowed here: replicaCount, autoscaleMin, autoscaleMax, resources, podDisruptionBudget; did you mean replicaCount?"],
        ["a tag on a missing revision and CRDs older than a revision", {
            istiod, version: "1.29.6", revisions: [{ name: "1-30-3", version: "1.30.3" }], revisionTags: { stable: "1-29-6", default: "1-30-3" },
        }, M + "version: the CRDs (base chart 1.29.6) are older than revision 1-30-3 (1.30.3): set version to at least 1.30.3, " +
            "which upgrades the CRDs before that istiod; never lower it again while a revision runs\n" +
            M + "revisionTags.stable: tag stable points at 1-29-6, which is not in revisions (1-30-3)"],
        ["an argument IstioMesh does not have (from JavaScript or another language)", { gatway: {} } as never,
            M + "gatway: unknown key; allowed here: profile, version, repository, chartMirror, namespace, helmProfile, revision, revisions, " +
            "revisionTags, cni, allowCrdDeletion, protect, istiod, gateway, egressGateway, trustDomain, meshConfig, proxy, caAddress, " +
            "certificateAuthority, sidecarIngressTls; did you mean gateway?"],
        ["a gateway on a revision the mesh does not run", { istiod, revisions: [{ name: "1-30-3", version: "1.30.3" }], gateway: { ...gateway, revision: "1-29-6" } },
            M + "gateway.revision: 1-29-6 is neither a revision nor a tag of this mesh (known: 1-30-3); move namespaces and the gateway off a revision before removing it"],
        ["an egress gateway on a revision the mesh does not run", { istiod, revisions: [{ name: "1-30-3", version: "1.30.3" }], revisionTags: { default: "1-30-3" },
            egressGateway: { ...gateway, name: "istio-egressgateway", serviceType: "ClusterIP", revision: "1-29-6" } },
            M + "egressGateway.revision: 1-29-6 is neither a revision nor a tag of this mesh (known: 1-30-3, default); move namespaces and the gateway off a revision before removing it"],
        // version, repository, helmProfile and revision: the stack config's rules (stacks/schema.ts uses the same schemas).
        ["an unpinned version", { istiod, version: "latest" },
            M + "version: expected a pinned version like 1.30.3, got \"latest\""],
        ["a repository that is no URL", { istiod, repository: "istio-release" },
            M + "repository: expected a Helm repository URL such as https://istio-release.storage.googleapis.com/charts, got \"istio-release\""],
        ["a Helm profile that leaves sidecar mode", { istiod, helmProfile: "ambient" },
            M + "helmProfile: expected one of \"demo\", \"stable\", \"preview\", got \"ambient\""],
        ["a revision that is no DNS label", { istiod, revision: "1.30.3" },
            M + "revision: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got \"1.30.3\""],
        ["a CA address next to the mesh CA", { istiod, caAddress: "ca.example:443", certificateAuthority: {} },
            M + "certificateAuthority and caAddress exclude each other: the mesh CA brings its own address"],
    ];
    for (const [what, args, message] of cases) {
        it(`rejects ${what}, naming the component and field`, async () => {
            assert.equal(await constructionError(args), message);
        });
    }
});
