import { strict as assert } from "assert";
import { environmentOf, named, ofType, ProgramRun, readStackFile, runProgram, SHIPPED_STACKS, shippedStackRuns } from "./helpers/mock-program";

const CHART = "kubernetes:helm.sh/v4:Chart";
const PATCH = "kubernetes:core/v1:NamespacePatch";

function chart(run: ProgramRun, name: string) {
    const found = ofType(run, CHART).find((r) => r.name === name);
    assert.ok(found, `chart ${name} is registered`);
    return found;
}

function dependsOn(run: ProgramRun, name: string, on: string): boolean {
    return named(run, name).dependencies.includes(named(run, on).urn);
}

describe("the program under mocks", () => {
    const runs = shippedStackRuns();

    for (const stack of SHIPPED_STACKS) {
        describe(`stack ${stack}`, () => {
            const run = () => runs[stack];

            it("installs base, istiod and gateway from Istio's repository, all pinned to 1.30.3", () => {
                const charts = ofType(run(), CHART).filter((c) => c.parent === named(run(), "istio").urn);
                assert.deepEqual(charts.map((c) => c.inputs.chart).sort(), ["base", "gateway", "istiod"]);
                for (const c of charts) {
                    assert.equal(c.inputs.version, "1.30.3", `${c.name} version`);
                    assert.equal(c.inputs.repositoryOpts.repo, "https://istio-release.storage.googleapis.com/charts");
                }
            });

            it("puts the control plane in istio-system and the gateway in its own namespace", () => {
                assert.equal(chart(run(), "istio-base").inputs.namespace, "istio-system");
                assert.equal(chart(run(), "istio-istiod").inputs.namespace, "istio-system");
                assert.equal(chart(run(), "istio-gateway").inputs.namespace, "istio-ingress");
                assert.equal(chart(run(), "istio-gateway").inputs.name, "istio-ingressgateway");
                const namespaces = ofType(run(), "kubernetes:core/v1:Namespace")
                    .filter((n) => n.parent === named(run(), "istio").urn)
                    .map((n) => n.inputs.metadata.name);
                assert.deepEqual(namespaces.sort(), ["istio-ingress", "istio-system"]);
            });

            it("orders CRDs, then istiod, then the gateway, then injected namespaces", () => {
                assert.ok(dependsOn(run(), "istio-base", "istio-istio-system"));
                assert.ok(dependsOn(run(), "istio-istiod", "istio-base"));
                assert.ok(dependsOn(run(), "istio-gateway", "istio-istiod"));
                for (const namespace of Object.keys(environmentOf(stack).namespaces)) {
                    assert.ok(dependsOn(run(), namespace, "istio-istiod"), namespace);
                    assert.ok(dependsOn(run(), namespace, "istio-gateway"), namespace);
                }
            });

            it("has traffic rules and security policies wait for istiod, not for the ingress gateway's pods", () => {
                const rules = run().resources.filter((r) => /^kubernetes:(networking|security)\.istio\.io\/v1:(DestinationRule|AuthorizationPolicy|PeerAuthentication)$/.test(r.type));
                assert.ok(rules.length > 0, "the mesh-wide PeerAuthentication at least");
                for (const r of rules) {
                    assert.ok(r.dependencies.includes(named(run(), "istio-istiod").urn), `${r.name} waits for istiod`);
                    assert.ok(!r.dependencies.includes(named(run(), "istio-gateway").urn), `${r.name} does not wait for the gateway`);
                }
            });

            it("uses one explicit Kubernetes provider for everything", () => {
                const provider = named(run(), "kubernetes");
                assert.equal(provider.type, "pulumi:providers:kubernetes");
                for (const r of run().resources.filter((x) => x.type.startsWith("kubernetes:"))) {
                    assert.ok(r.provider.startsWith(provider.urn), `${r.name} uses the explicit provider`);
                }
            });

            it("keeps the Istio CRDs when the base chart is deleted", () => {
                const [transform] = chart(run(), "istio-base").transforms;
                assert.ok(transform, "base chart carries the CRD retention transform");
                const crd = transform({
                    type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
                    name: "virtualservices.networking.istio.io",
                    props: {},
                    opts: {},
                    custom: true,
                });
                assert.equal((crd as { opts: { retainOnDelete?: boolean } }).opts.retainOnDelete, true);
            });

            it("passes the webhook failurePolicy up front to istiod and base (istiod-default-validator), avoiding the Ignore/Fail flip", () => {
                for (const name of ["istio-istiod", "istio-base"]) assert.equal(chart(run(), name).inputs.values.base?.validationFailurePolicy, "Fail", name);
            });

            it("labels each existing namespace (create: false) with a patch, never creating it", () => {
                const existing = Object.entries(environmentOf(stack).namespaces).filter(([, n]) => !n.create).map(([name]) => name);
                assert.deepEqual(ofType(run(), PATCH).map((p) => p.inputs.metadata.name).sort(), existing.sort());
            });
        });
    }

    it("dev uses Istio's demo profile and istio-injection=enabled", () => {
        assert.equal(chart(runs.dev, "istio-istiod").inputs.values.profile, "demo");
        assert.equal(chart(runs.dev, "istio-base").inputs.values.profile, "demo");
        assert.deepEqual(named(runs.dev, "default", PATCH).inputs.metadata.labels, { "istio-injection": "enabled" });
        assert.equal(runs.dev.outputs.revision, undefined);
        assert.deepEqual(runs.dev.outputs.injectedNamespaces, ["default"]);
    });

    it("prod runs a revisioned control plane and labels with istio.io/rev only", () => {
        assert.equal(readStackFile("prod")["istio-mesh:profile"], "production");
        const revision = (readStackFile("prod")["istio-mesh:istio"] as { revision: string }).revision;
        assert.equal(chart(runs.prod, "istio-istiod").inputs.values.revision, revision);
        assert.equal(chart(runs.prod, "istio-istiod").inputs.name, `istiod-${revision}`);
        assert.equal(chart(runs.prod, "istio-gateway").inputs.values.revision, revision);
        assert.equal(chart(runs.prod, "istio-base").inputs.values.defaultRevision, revision);
        assert.deepEqual(named(runs.prod, "default", PATCH).inputs.metadata.labels, { "istio.io/rev": revision });
        assert.equal(runs.prod.outputs.revision, revision);
    });

    it("prod hardens istiod: two or more replicas, autoscaling, a PDB and explicit resources", () => {
        const values = chart(runs.prod, "istio-istiod").inputs.values;
        assert.equal(values.profile, undefined, "production uses chart defaults, not the demo profile");
        assert.ok(values.autoscaleEnabled);
        assert.ok(values.autoscaleMin >= 2 && values.replicaCount >= 2);
        assert.equal(values.global.defaultPodDisruptionBudget.enabled, true);
        assert.equal(values.pdb.minAvailable, 1);
        assert.ok(values.resources.requests.cpu && values.resources.requests.memory);
        assert.ok(values.resources.limits.cpu && values.resources.limits.memory);
    });

    it("prod hardens the gateway: autoscaling from two replicas and a PDB", () => {
        const values = chart(runs.prod, "istio-gateway").inputs.values;
        assert.equal(values.autoscaling.enabled, true);
        assert.ok(values.autoscaling.minReplicas >= 2);
        assert.deepEqual(values.podDisruptionBudget, { minAvailable: 1 });
        assert.equal(values.service.type, "LoadBalancer");
        assert.ok(values.resources.limits);
    });

    it("dev keeps a small footprint without PDBs that could block a one-node cluster's drain", () => {
        const istiod = chart(runs.dev, "istio-istiod").inputs.values;
        assert.equal(istiod.global.defaultPodDisruptionBudget.enabled, false);
        assert.equal(istiod.autoscaleEnabled, false);
        assert.deepEqual(chart(runs.dev, "istio-gateway").inputs.values.podDisruptionBudget, {});
    });

    it("installs the CNI chart before istiod when istio.cni is on, and tells istiod", async () => {
        const run = await runProgram({ ...readStackFile("dev"), "istio-mesh:istio": { cni: true } });
        const cni = chart(run, "istio-cni");
        assert.equal(cni.inputs.version, "1.30.3");
        assert.ok(dependsOn(run, "istio-cni", "istio-base"));
        assert.ok(dependsOn(run, "istio-istiod", "istio-cni"));
        assert.equal(chart(run, "istio-istiod").inputs.values.cni.enabled, true);
    });

    it("creates a new injected namespace and skips the gateway when disabled", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:namespaces": { shop: {} },
            "istio-mesh:istio": { gateway: { enabled: false } },
        });
        const shop = ofType(run, "kubernetes:core/v1:Namespace").find((n) => n.name === "shop");
        assert.ok(shop);
        assert.deepEqual(shop.inputs.metadata.labels, { "istio-injection": "enabled" });
        assert.equal(ofType(run, CHART).find((c) => c.inputs.chart === "gateway"), undefined);
        assert.equal(run.outputs.gatewayService, undefined);
    });

    it("targets the configured kubeconfig context", async () => {
        const run = await runProgram({ ...readStackFile("dev"), "istio-mesh:kubernetes": { context: "kind-mesh" } });
        assert.equal(named(run, "kubernetes").inputs.context, "kind-mesh");
        assert.equal(named(runs.dev, "kubernetes").inputs.context, undefined);
    });
});
