import { meshHostConflicts as policy } from "../../../../policies/rules/routing/mesh-host-conflicts";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const vs = (name: string, namespace: string, extra: object) =>
    istio("VirtualService", name, namespace, { http: [{ route: [{ destination: { host: "reviews.default.svc.cluster.local" } }] }], ...extra });

describe("policy routing-mesh-host-conflicts", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one VirtualService per host, gateway-only ones, and rules no namespace sees both of", async () => {
        await assertNoViolations(policy, [
            vs("reviews", "default", { hosts: ["reviews"] }),
            vs("reviews-ingress", "default", { hosts: ["reviews"], gateways: ["public"] }),
            vs("ratings-local", "default", { hosts: ["ratings"], exportTo: ["."] }),
            vs("ratings-shop", "default", { hosts: ["ratings"], exportTo: ["shop"] }),
        ]);
    });

    it("flags both VirtualServices for one host written short and in full (IST0109)", async () => {
        await assertViolations(policy, [vs("reviews", "default", { hosts: ["reviews.default.svc.cluster.local"] }), vs("reviews-timeout", "default", { hosts: ["reviews"] })], [
            { code: "ISM0307", subject: "VirtualService default/reviews" },
            { code: "ISM0307", subject: "VirtualService default/reviews-timeout" },
        ]);
    });

    it("flags a namespace-local rule that a wildcard exported everywhere covers, and a rule bound to mesh and a gateway", async () => {
        await assertViolations(policy, [
            vs("local", "shop", { hosts: ["api.example.com"], exportTo: ["."] }),
            vs("catch-all", "edge", { hosts: ["*.example.com"], gateways: ["mesh", "public"] }),
        ], [{ code: "ISM0307", subject: "VirtualService shop/local" }]);
    });

    it("flags a local rule whose exact host a rule exported everywhere also routes, and a local wildcard a wider one covers", async () => {
        await assertViolations(policy, [
            vs("api-local", "shop", { hosts: ["api.example.com"], exportTo: ["."] }),
            vs("api-everywhere", "edge", { hosts: ["api.example.com"] }),
            vs("shop-wildcard", "shop", { hosts: ["*.shop.example.org"], exportTo: ["."] }),
            vs("org-wildcard", "edge", { hosts: ["*.example.org"], exportTo: ["*"] }),
            vs("unrelated", "shop", { hosts: ["*.example.net"], exportTo: ["."] }),
        ], [{ code: "ISM0307", subject: "VirtualService shop/api-local" }, { code: "ISM0307", subject: "VirtualService shop/shop-wildcard" }]);
    });
});
