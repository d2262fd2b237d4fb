import { strict as assert } from "assert";
import { controlPlaneHighAvailability as policy } from "../../../../policies/rules/platform/control-plane-ha";
import { assertViolations, assertNoViolations, assertWellFormed, chart, deployment, fixture, run } from "../../helpers";

const istiod = (values: object) => chart("istio-istiod", "istiod", "1.30.3", values);
const gateway = (values: object) => chart("istio-gateway", "gateway", "1.30.3", values);
const haIstiod = { autoscaleEnabled: true, autoscaleMin: 2, global: { defaultPodDisruptionBudget: { enabled: true } } };
const haGateway = { autoscaling: { enabled: true, minReplicas: 2 }, podDisruptionBudget: { minAvailable: 1 } };

describe("policy platform-control-plane-ha", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the production preset's values", async () => {
        await assertNoViolations(policy, [istiod(haIstiod), gateway(haGateway)]);
    });

    it("flags chart defaults: one replica (istiod keeps its default PDB, the gateway has none)", async () => {
        const reported = await assertViolations(policy, [istiod({}), gateway({})], [
            { code: "ISM0605", subject: "istiod chart istio-istiod" },
            { code: "ISM0605", subject: "gateway chart istio-gateway" },
            { code: "ISM0606", subject: "gateway chart istio-gateway" },
        ]);
        assert.match(reported[0].message, /runs at least 1 replica\(s\), fewer than 2/);
    });

    it("flags the demo values: no autoscaling, one replica, PDB off", async () => {
        const reported = await run(policy, [istiod({ autoscaleEnabled: false, replicaCount: 1, global: { defaultPodDisruptionBudget: { enabled: false } } }), gateway(haGateway)]);
        assert.equal(reported.length, 2);
        assert.match(reported[1].message, /istiod chart istio-istiod has no PodDisruptionBudget/);
    });

    it("judges rendered Deployments with their HPA and PDB", async () => {
        const d = deployment("istiod", "istio-system", {}, { replicas: 1 });
        d.props.metadata.labels = { app: "istiod" };
        const hpa = fixture("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "istiod-hpa", {
            metadata: { name: "istiod", namespace: "istio-system" },
            spec: { scaleTargetRef: { kind: "Deployment", name: "istiod" }, minReplicas: 2, maxReplicas: 5 },
        });
        const pdb = fixture("kubernetes:policy/v1:PodDisruptionBudget", "istiod-pdb", {
            metadata: { name: "istiod", namespace: "istio-system" },
            spec: { minAvailable: 1, selector: { matchLabels: { app: "istiod" } } },
        });
        await assertNoViolations(policy, [d, hpa, pdb]);
        await assertViolations(policy, [d, pdb], [{ code: "ISM0605", subject: "Deployment istio-system/istiod" }]);
        const gw = deployment("istio-ingressgateway", "istio-ingress", { annotations: { "inject.istio.io/templates": "gateway" } }, { replicas: 3 });
        await assertViolations(policy, [gw], [{ code: "ISM0606", subject: "Deployment istio-ingress/istio-ingressgateway" }]);
    });

    it("judges what a chart renders instead of its values once the engine has expanded it", async () => {
        const c = istiod({});
        const d = deployment("istiod", "istio-system", {}, { replicas: 3 });
        d.props.metadata.labels = { app: "istiod" };
        const pdb = fixture("kubernetes:policy/v1:PodDisruptionBudget", "istiod-pdb", {
            metadata: { name: "istiod", namespace: "istio-system" },
            spec: { minAvailable: 1, selector: { matchLabels: { app: "istiod" } } },
        });
        await assertNoViolations(policy, [c, { ...d, parent: c.urn }, { ...pdb, parent: c.urn }]);
        await assertViolations(policy, [c, { ...d, props: { ...d.props, spec: { ...d.props.spec, replicas: 1 } }, parent: c.urn }, pdb], [{ code: "ISM0605", subject: "Deployment istio-system/istiod" }]);
    });

    it("takes the replica floor from config", async () => {
        await assertViolations(policy, [istiod(haIstiod)], [{ code: "ISM0605", subject: "istiod chart istio-istiod" }], { minReplicas: 3 });
    });
});
