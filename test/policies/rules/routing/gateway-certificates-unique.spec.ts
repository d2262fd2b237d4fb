import { gatewayCertificatesUnique as policy } from "../../../../policies/rules/routing/gateway-certificates-unique";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const gateway = (name: string, tls: object, selector: object = { istio: "ingressgateway" }) =>
    istio("Gateway", name, "shop", { selector, servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: [`${name}.example.com`], tls: { mode: "SIMPLE", ...tls } }] });

describe("policy routing-gateway-certificates-unique", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a certificate per Gateway, and the same certificate on different gateway workloads", async () => {
        await assertNoViolations(policy, [gateway("shop", { credentialName: "shop-tls" }), gateway("blog", { credentialName: "blog-tls" })]);
        await assertNoViolations(policy, [gateway("shop", { credentialName: "tls" }), gateway("internal", { credentialName: "tls" }, { istio: "internal-gateway" })]);
    });

    it("flags both Gateways serving one credential on the same workloads (IST0138)", async () => {
        await assertViolations(policy, [gateway("shop", { credentialName: "example-com" }), gateway("blog", { credentialName: "example-com" })], [
            { code: "ISM0311", subject: "Gateway shop/shop" },
            { code: "ISM0311", subject: "Gateway shop/blog" },
        ]);
    });

    it("flags the same certificate and key files", async () => {
        const files = { serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" };
        await assertViolations(policy, [gateway("shop", files), gateway("blog", files, { istio: "ingressgateway", zone: "a" })], [{ code: "ISM0311", subject: "Gateway shop/shop" }]);
    });
});
