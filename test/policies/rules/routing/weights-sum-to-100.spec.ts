import { strict as assert } from "assert";
import { routeWeights as policy } from "../../../../policies/rules/routing/weights-sum-to-100";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const split = (...weights: number[]) =>
    istio("VirtualService", "myapp", "default", { hosts: ["myapp"], http: [{ route: weights.map((weight, i) => ({ destination: { host: "myapp", subset: `v${i + 1}` }, weight })) }] });

describe("policy routing-weights-sum-to-100", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's 90/10 canary and an unweighted single destination", async () => {
        await assertNoViolations(policy, split(90, 10));
        await assertNoViolations(policy, istio("VirtualService", "myapp", "default", { hosts: ["myapp"], http: [{ route: [{ destination: { host: "myapp" } }] }] }));
    });

    it("flags weights that sum to more than 100, showing the real split", async () => {
        const [r] = await assertViolations(policy, split(90, 20), [{ code: "ISM0302", subject: "VirtualService default/myapp" }]);
        // The spec is about the message showing the split Istio really makes.
        assert.match(r.message, /82% \/ 18%/);
    });

    it("flags weights that sum to less than 100 on a tcp route", async () => {
        const vs = istio("VirtualService", "db", "default", { hosts: ["db"], tcp: [{ route: [{ destination: { host: "db", subset: "a" }, weight: 50 }, { destination: { host: "db", subset: "b" }, weight: 40 }] }] });
        await assertViolations(policy, vs, [{ code: "ISM0302", subject: "VirtualService default/db" }]);
    });

    it("flags a single destination with a partial weight", async () => {
        await assertViolations(policy, split(50), [{ code: "ISM0303", subject: "VirtualService default/myapp" }]);
    });
});
