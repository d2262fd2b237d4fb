import { strict as assert } from "assert";
import { durationMs } from "../../../../policies/rules/lib/duration";
import { retryBudget as policy } from "../../../../policies/rules/resilience/retry-budget";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const vs = (timeout: string | undefined, retries: object) =>
    istio("VirtualService", "myapp", "default", { hosts: ["myapp"], http: [{ route: [{ destination: { host: "myapp" } }], timeout, retries }] });

describe("policy resilience-retry-budget", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("reads Go durations", () => {
        assert.equal(durationMs("10s"), 10000);
        assert.equal(durationMs("1.5s"), 1500);
        assert.equal(durationMs("1m30s"), 90000);
        assert.equal(durationMs("250ms"), 250);
        assert.equal(durationMs("10"), undefined);
    });

    it("passes the seed's 3 x 3s within 10s, and routes without a timeout", async () => {
        await assertNoViolations(policy, vs("10s", { attempts: 3, perTryTimeout: "3s", retryOn: "5xx,reset,connect-failure" }));
        await assertNoViolations(policy, vs(undefined, { attempts: 5, perTryTimeout: "30s" }));
    });

    it("flags attempts x perTryTimeout above the timeout", async () => {
        await assertViolations(policy, vs("10s", { attempts: 3, perTryTimeout: "4s" }), [{ code: "ISM0402", subject: "VirtualService default/myapp" }]);
    });

    it("counts Istio's default of 2 attempts when attempts is not set", async () => {
        await assertViolations(policy, vs("1s", { perTryTimeout: "800ms" }), [{ code: "ISM0402", subject: "VirtualService default/myapp" }]);
    });
});
