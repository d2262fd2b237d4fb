import { strict as assert } from "assert";
import * as path from "path";
import { gatewayServicePorts as policy } from "../../../../policies/rules/routing/gateway-service-ports";
import { GATEWAY_CHART_SERVICE_PORTS } from "../../../../policies/rules/lib/gateway-workloads";
import { ISTIO_REFERENCE, readYaml } from "../../../helpers/chart-values";
import { assertNoViolations, assertViolations, assertWellFormed, chart, deployment, fixture, istio } from "../../helpers";

const gateway = (ports: number[], selector: object = { istio: "ingressgateway" }) =>
    istio("Gateway", "shop", "shop", { selector, servers: ports.map((n) => ({ port: { number: n, name: `http-${n}`, protocol: "HTTP" }, hosts: ["shop.example.com"] })) });
function gatewayChart(values: object = {}) {
    const c = chart("istio-ingressgateway", "gateway", "1.30.3", values);
    return { ...c, props: { ...c.props, name: "istio-ingressgateway", namespace: "istio-ingress" } };
}

describe("policy routing-gateway-service-ports", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("knows the Service ports Istio's gateway chart renders by default (1.30.3 values.yaml)", () => {
        const values = readYaml(path.join(ISTIO_REFERENCE, "charts/gateway/values.yaml")) as { _internal_defaults_do_not_set: { service: { ports: unknown } } };
        assert.deepEqual(GATEWAY_CHART_SERVICE_PORTS, values._internal_defaults_do_not_set.service.ports);
    });

    it("passes servers on the chart's default ports (80, 443) and on a port the chart's values add", async () => {
        await assertNoViolations(policy, [gatewayChart(), gateway([80, 443])]);
        await assertNoViolations(policy, [gatewayChart({ service: { ports: [{ name: "tcp", port: 31400, targetPort: 31400 }] } }), gateway([31400])]);
    });

    it("flags a server on a port the gateway chart's Service does not expose (IST0162)", async () => {
        const [r] = await assertViolations(policy, [gatewayChart(), gateway([80, 8080])], [{ code: "ISM0325", subject: "Gateway shop/shop" }]);
        assert.match(r.message, /port 8080, .*\(istio=ingressgateway\).*\(they expose 80, 443, 15021\)/);
    });

    it("reads the chart's name and labels values as the chart does", async () => {
        const named = gatewayChart({ name: "edge", labels: { istio: "edge-gw" } });
        await assertViolations(policy, [named, gateway([8443], { istio: "edge-gw" })], [{ code: "ISM0325", subject: "Gateway shop/shop" }]);
        await assertNoViolations(policy, [named, gateway([8443], { app: "istio-ingressgateway" })]);
    });

    it("judges rendered gateway pods and Services too, UDP ports excluded", async () => {
        const pods = deployment("edge", "edge", { labels: { istio: "edge" } });
        const service = fixture("kubernetes:core/v1:Service", "edge", { metadata: { name: "edge", namespace: "edge" },
            spec: { selector: { istio: "edge" }, ports: [{ port: 80, targetPort: 8080 }, { port: 53, protocol: "UDP" }] } });
        await assertNoViolations(policy, [pods, service, gateway([80, 8080], { istio: "edge" })]);
        await assertViolations(policy, [pods, service, gateway([53], { istio: "edge" })], [{ code: "ISM0325", subject: "Gateway shop/shop" }]);
    });

    it("does not judge a Gateway whose pods the stack does not install", async () => {
        await assertNoViolations(policy, [gatewayChart(), gateway([8080], { istio: "someone-elses" })]);
    });
});
