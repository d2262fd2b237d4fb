import { destinationPortRequired as policy } from "../../../../policies/rules/routing/destination-port-required";
import { assertNoViolations, assertViolations, assertWellFormed, fixture, istio } from "../../helpers";

const service = (ports: number[]) =>
    fixture("kubernetes:core/v1:Service", "default-ledger", { apiVersion: "v1", kind: "Service", metadata: { name: "ledger", namespace: "default" }, spec: { ports: ports.map((port) => ({ name: `http-${port}`, port })) } });
const vs = (destination: object) => istio("VirtualService", "ledger", "default", { hosts: ["ledger"], http: [{ route: [{ destination: { host: "ledger", ...destination } }] }] });

describe("policy routing-destination-port-required", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one port, a named port, and Services outside the stack", async () => {
        await assertNoViolations(policy, [service([80]), vs({})]);
        await assertNoViolations(policy, [service([80, 9090]), vs({ port: { number: 9090 } })]);
        await assertNoViolations(policy, vs({}));
    });

    it("flags a route to a Service with several ports and no port (IST0112), and a ServiceEntry's", async () => {
        await assertViolations(policy, [service([80, 9090]), vs({})], [{ code: "ISM0323", subject: "VirtualService default/ledger" }]);
        const entry = istio("ServiceEntry", "ledger-api", "default", { hosts: ["api.ledger.example.com"], ports: [{ number: 80, name: "http", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" });
        const external = istio("VirtualService", "ledger-api", "default", { hosts: ["api.ledger.example.com"], http: [{ route: [{ destination: { host: "api.ledger.example.com" } }] }] });
        await assertViolations(policy, [entry, external], [{ code: "ISM0323", subject: "VirtualService default/ledger-api" }]);
    });
});
