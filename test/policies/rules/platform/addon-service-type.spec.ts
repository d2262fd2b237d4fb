import { addonServiceType as policy } from "../../../../policies/rules/platform/addon-service-type";
import { assertViolations, assertNoViolations, assertWellFormed, chart, fixture } from "../../helpers";

const service = (name: string, type: string, labels: object = {}) =>
    fixture("kubernetes:core/v1:Service", name, { metadata: { name, namespace: "istio-system", labels }, spec: { type, ports: [{ port: 80 }] } });

describe("policy platform-addon-service-type", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes ClusterIP addons and the ingress gateway's LoadBalancer", async () => {
        await assertNoViolations(policy, service("kiali", "ClusterIP"));
        await assertNoViolations(policy, service("istio-ingressgateway", "LoadBalancer", { app: "istio-ingressgateway" }));
        await assertNoViolations(policy, chart("prometheus", "prometheus", "29.27.0", { server: { service: { type: "ClusterIP" } } }, "https://prometheus-community.github.io/helm-charts"));
    });

    it("flags an addon Service of type LoadBalancer, by name or app label", async () => {
        await assertViolations(policy, service("tracing", "LoadBalancer"), [{ code: "ISM0604", subject: "Service istio-system/tracing" }]);
        await assertViolations(policy, service("web-ui", "LoadBalancer", { "app.kubernetes.io/name": "grafana" }), [{ code: "ISM0604", subject: "Service istio-system/web-ui" }]);
    });

    it("flags LoadBalancer in addon chart values (Kiali's deployment.service_type, Prometheus' server.service.type)", async () => {
        await assertViolations(policy, chart("kiali", "kiali-server", "2.26.0", { deployment: { service_type: "LoadBalancer" } }, "https://kiali.org/helm-charts"), [{ code: "ISM0604", subject: "Addon chart kiali-server (kiali)" }]);
        await assertViolations(policy, chart("prometheus", "prometheus", "29.27.0", { server: { service: { type: "LoadBalancer" } } }), [{ code: "ISM0604", subject: "Addon chart prometheus (prometheus)" }]);
    });
});
