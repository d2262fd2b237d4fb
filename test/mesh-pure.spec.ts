import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import fc from "fast-check";
import { crdRetention, CRD_TYPE } from "../components/mesh/crd-retention";
import { injectionLabels } from "../components/mesh/injection";
import { gatewayValues, istiodValues } from "../components/mesh/helm-values";
import { dnsLabel } from "../components/common/validation";

const transformArgs = (type: string): pulumi.ResourceTransformArgs => ({
    type, name: "x", props: {}, opts: { protect: false }, custom: true,
});

describe("CRD retention", () => {
    it("retains CRDs on delete by default and keeps other options", () => {
        const out = crdRetention(false)(transformArgs(CRD_TYPE)) as pulumi.ResourceTransformResult;
        assert.equal(out.opts.retainOnDelete, true);
        assert.equal(out.opts.protect, false);
    });
    it("lets CRDs go only when deletion is explicitly allowed", () => {
        const out = crdRetention(true)(transformArgs(CRD_TYPE)) as pulumi.ResourceTransformResult;
        assert.equal(out.opts.retainOnDelete, false);
    });
    it("leaves every other object alone", () => {
        assert.equal(crdRetention(false)(transformArgs("kubernetes:core/v1:ConfigMap")), undefined);
        assert.equal(crdRetention(false)(transformArgs("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration")), undefined);
    });
});

describe("injection labels", () => {
    it("never carries both labels, and always exactly one", () => {
        const revision = fc.option(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/), { nil: undefined });
        fc.assert(fc.property(revision, (rev) => {
            const labels = injectionLabels(rev);
            assert.equal(Object.keys(labels).length, 1);
            assert.ok(dnsLabel.safeParse(Object.values(labels)[0]).success);
            assert.deepEqual(labels, rev ? { "istio.io/rev": rev } : { "istio-injection": "enabled" });
        }));
    });
});

describe("replica values", () => {
    const settings = { namespace: "istio-system", cni: false };
    const replicas = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }))
        .map(([min, extra]) => ({ autoscaleMin: min, autoscaleMax: min + extra }));
    it("istiod runs at least autoscaleMin replicas and autoscales only with room to grow", () => {
        fc.assert(fc.property(replicas, fc.integer({ min: 1, max: 20 }), fc.boolean(), (r, replicaCount, pdb) => {
            const v = istiodValues(settings, { ...r, replicaCount, resources: {}, podDisruptionBudget: pdb });
            assert.ok((v.replicaCount as number) >= r.autoscaleMin);
            assert.equal(v.autoscaleEnabled, r.autoscaleMax > r.autoscaleMin);
            assert.equal((v.global as any).defaultPodDisruptionBudget.enabled, pdb);
        }));
    });
    it("the gateway's PDB follows its setting, and replicas match when not autoscaling", () => {
        fc.assert(fc.property(replicas, fc.boolean(), (r, pdb) => {
            const v = gatewayValues(settings, { ...r, name: "gw", serviceType: "ClusterIP", resources: {}, podDisruptionBudget: pdb });
            assert.deepEqual(v.podDisruptionBudget, pdb ? { minAvailable: 1 } : {});
            if (r.autoscaleMax === r.autoscaleMin) assert.equal(v.replicaCount, r.autoscaleMin);
        }));
    });
});

describe("istiod with an external CA", () => {
    const istiod = { replicaCount: 1, autoscaleMin: 1, autoscaleMax: 1, resources: {}, podDisruptionBudget: false };
    it("points istiod and its sidecars at the CA address and turns istiod's CA server off", () => {
        const v = istiodValues({ namespace: "istio-system", cni: false, caAddress: "ca.example.svc:443" }, istiod);
        assert.equal((v.global as any).caAddress, "ca.example.svc:443");
        assert.deepEqual(v.env, { ENABLE_CA_SERVER: "false" });
    });
    it("leaves both alone without one", () => {
        const v = istiodValues({ namespace: "istio-system", cni: false }, istiod);
        assert.equal((v.global as any).caAddress, undefined);
        assert.equal(v.env, undefined);
    });
});
