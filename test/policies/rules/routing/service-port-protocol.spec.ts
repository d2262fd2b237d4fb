import { servicePortProtocol as policy } from "../../../../policies/rules/routing/service-port-protocol";
import { assertNoViolations, assertNotApplicable, assertViolations, assertWellFormed, fixture } from "../../helpers";

const service = (ports: object[], extra: object = {}, labels: object = {}) =>
    fixture("kubernetes:core/v1:Service", "default-reports", { apiVersion: "v1", kind: "Service", metadata: { name: "reports", namespace: "default", labels }, spec: { ports, ...extra } });

describe("policy routing-service-port-protocol", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes protocol prefixes, appProtocol, UDP, well-known TCP ports, and Istio's own Services", async () => {
        await assertNoViolations(policy, service([
            { name: "http-web", port: 80 }, { name: "grpc-web-ui", port: 81 }, { name: "HTTPS", port: 443 }, { name: "api", port: 90, appProtocol: "http" },
            { name: "h2c", port: 91, appProtocol: "kubernetes.io/h2c" }, { name: "dns", port: 5353, protocol: "UDP" }, { name: "db", port: 3306 },
        ]));
        await assertNoViolations(policy, service([{ name: "status", port: 15021 }], {}, { istio: "ingressgateway" }));
        await assertNoViolations(policy, service([{ name: "https", port: 443 }], { type: "ExternalName", externalName: "api.example.com" }));
    });

    it("flags a port name without protocol (IST0118)", async () => {
        await assertViolations(policy, service([{ name: "web", port: 8080 }, { port: 9090 }]), [
            { code: "ISM0315", subject: "Service default/reports" },
            { code: "ISM0315", subject: "Service default/reports" },
        ]);
    });

    it("flags an ExternalName Service's tcp or unknown port name (IST0150)", async () => {
        await assertViolations(policy, service([{ name: "tcp", port: 443 }, { name: "web", port: 80 }], { type: "ExternalName", externalName: "api.example.com" }), [
            { code: "ISM0316", subject: "Service default/reports" },
            { code: "ISM0316", subject: "Service default/reports" },
        ]);
    });

    it("leaves Services a Helm chart renders to the chart", async () => {
        const rendered = { ...service([{ name: "web", port: 8080 }]), parent: "urn:pulumi:test::istio-mesh::kubernetes:helm.sh/v4:Chart::kiali" };
        await assertNotApplicable(policy, rendered, /Helm chart/);
    });
});
