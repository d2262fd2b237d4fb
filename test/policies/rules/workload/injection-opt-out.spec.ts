import { strict as assert } from "assert";
import { injectionOptOut as policy } from "../../../../policies/rules/workload/injection-opt-out";
import { assertNoViolations, assertViolations, assertWellFormed, deployment, fixture, namespace } from "../../helpers";

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
        const [v] = await assertViolations(policy, [injected, d], [{ code: "ISM0501", subject: "Deployment default/orders" }]);
        assert.equal(v.urn, d.urn);
    });

    it("flags a Pod opting out with the annotation in a revision-labelled namespace", async () => {
        const pod = fixture("kubernetes:core/v1:Pod", "debug", { metadata: { name: "debug", namespace: "shop", annotations: { "sidecar.istio.io/inject": "false" } }, spec: {} });
        await assertViolations(policy, [namespace("shop", { "istio.io/rev": "1-30-3" }), pod], [{ code: "ISM0501", subject: "Pod shop/debug" }]);
    });

    it("flags a CronJob in a namespace named in config", async () => {
        const job = fixture("kubernetes:batch/v1:CronJob", "report", {
            metadata: { name: "report", namespace: "payments" },
            spec: { jobTemplate: { spec: { template: { metadata: { labels: optOut.labels } } } } },
        });
        await assertViolations(policy, [job], [{ code: "ISM0501", subject: "CronJob payments/report" }], { namespaces: ["payments"] });
    });
});
