import { gatewayServersUnique as policy } from "../../../../policies/rules/routing/gateway-servers-unique";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const gateway = (name: string, hosts: string[], port = 80, selector: object = { istio: "ingressgateway" }) =>
    istio("Gateway", name, "shop", { selector, servers: [{ port: { number: port, name: `http-${port}`, protocol: "HTTP" }, hosts }] });

describe("policy routing-gateway-servers-unique", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes different hosts, ports or selectors", async () => {
        await assertNoViolations(policy, [
            gateway("shop", ["shop.example.com"]),
            gateway("blog", ["blog.example.com"]),
            gateway("shop-alt", ["shop.example.com"], 8080),
            gateway("shop-internal", ["shop.example.com"], 80, { istio: "internal-gateway" }),
        ]);
    });

    it("flags both Gateways serving one host on one port with the same selector (IST0145)", async () => {
        await assertViolations(policy, [gateway("shop", ["shop.example.com"]), gateway("shop-v2", ["shop.example.com", "www.example.com"])], [
            { code: "ISM0314", subject: "Gateway shop/shop" },
            { code: "ISM0314", subject: "Gateway shop/shop-v2" },
        ]);
    });
});
