import { strict as assert } from "assert";
import { subsetsDefined as policy } from "../../../../policies/rules/routing/subsets-defined";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const canary = istio("VirtualService", "myapp", "default", {
    hosts: ["myapp"],
    http: [{ route: [{ destination: { host: "myapp", subset: "v1" }, weight: 90 }, { destination: { host: "myapp", subset: "v2" }, weight: 10 }] }],
});
const rule = (subsets: string[], host = "myapp", ns = "default") =>
    istio("DestinationRule", "myapp", ns, { host, subsets: subsets.map((name) => ({ name, labels: { version: name } })) });

describe("policy routing-subsets-defined", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's canary with its DestinationRule, also with the host written in full", async () => {
        await assertNoViolations(policy, [canary, rule(["v1", "v2"])]);
        await assertNoViolations(policy, [canary, rule(["v1", "v2"], "myapp.default.svc.cluster.local", "istio-system")]);
    });

    it("flags a subset the DestinationRule does not define, on the VirtualService", async () => {
        const [v] = await assertViolations(policy, [canary, rule(["v1"])], [{ code: "ISM0305", subject: "VirtualService default/myapp" }]);
        assert.equal(v.urn, canary.urn);
    });

    it("flags subsets with no DestinationRule for the host (a short name in another namespace is another host)", async () => {
        const [reported] = await assertViolations(
            policy,
            [istio("VirtualService", "myapp", "default", { hosts: ["myapp"], http: [{ route: [{ destination: { host: "myapp", subset: "v1" } }] }] }), rule(["v1"], "myapp", "shop")],
            [{ code: "ISM0305", subject: "VirtualService default/myapp" }],
        );
        assert.ok(reported.message.includes("subset v1"));
    });

    it("checks mirror destinations too", async () => {
        const vs = istio("VirtualService", "myapp", "default", { hosts: ["myapp"], http: [{ route: [{ destination: { host: "myapp", subset: "v1" } }], mirror: { host: "myapp", subset: "shadow" } }] });
        await assertViolations(policy, [vs, rule(["v1"])], [{ code: "ISM0305", subject: "VirtualService default/myapp" }]);
    });
});
