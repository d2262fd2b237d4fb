import { strict as assert } from "assert";
import { injectionOptOut as policy } from "../../../../policies/rules/workload/injection-opt-out";
import { assertHasViolation, assertNoViolations, assertWellFormed, deployment, fixture, namespace } from "../../helpers";

const injected = namespace("default", { "istio-injection": "enabled" }, true);
const optOut = { labels: { "sidecar.istio.io/inject": "false" } };

describe("policy workload-injection-opt-out", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes injected workloads, opt-outs outside injected namespaces, and allowed opt-outs", async () => {
        await assertNoViolations(policy, [injected, deployment("orders", "default")]);
        await assertNoViolations(policy, [injected, deployment("batch", "tools", optOut)]);
        await assertNoViolations(policy, [injected, deployment("legacy", "default", optOut)], { allowed: ["default/legacy"] });
    });

    it("flags a Deployment opting out with the label, on the Deployment", async () => {
        const d = deployment("orders", "default", optOut);
        const v = await assertHasViolation(policy, [injected, d], [/Deployment default\/orders opts out of sidecar injection/, /injected namespace default/, /allowed/]);
        assert.equal(v.urn, d.urn);
    });

    it("flags a Pod opting out with the annotation in a revision-labelled namespace", async () => {
        const pod = fixture("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "shop", annotations: { "sidecar.istio.io/inject": "false" } }, spec: {} });
        await assertHasViolation(policy, [namespace("shop", { "istio.io/rev": "1-30-3" }), pod], [/Pod shop\/debug opts out/]);
    });

    it("flags a CronJob in a namespace named in config", async () => {
        const job = fixture("kubernetes:batch/v1:CronJob", "report", {
            metadata: { name: "report", namespace: "payments" },
            spec: { jobTemplate: { spec: { template: { metadata: { labels: optOut.labels } } } } },
        });
        await assertHasViolation(policy, [job], [/CronJob payments\/report/], { namespaces: ["payments"] });
    });
});
