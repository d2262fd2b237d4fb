import { ingressSubsetRoutes as policy } from "../../../../policies/rules/routing/ingress-subset-routes";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const HOST = "myapp.default.svc.cluster.local";
const canary = () => istio("VirtualService", "myapp", "default", {
    hosts: [HOST], http: [{ route: [{ destination: { host: HOST, subset: "v1" }, weight: 90 }, { destination: { host: HOST, subset: "v2" }, weight: 10 }] }],
});
const ingress = (destination: object) => istio("VirtualService", "myapp-ingress", "default", { hosts: ["myapp.example.com"], gateways: ["myapp-gateway"], http: [{ route: [{ destination: { host: HOST, ...destination } }] }] });

describe("policy routing-ingress-subset-routes", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a gateway route to the subsets, and one to a host nobody splits", async () => {
        await assertNoViolations(policy, [canary(), ingress({ subset: "v1" })]);
        await assertNoViolations(policy, ingress({}));
    });

    it("flags a gateway route without subset to a host the mesh splits (IST0140)", async () => {
        await assertViolations(policy, [canary(), ingress({})], [{ code: "ISM0324", subject: "VirtualService default/myapp-ingress" }]);
    });
});
