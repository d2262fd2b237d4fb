import { validationWarnings as policy } from "../../../../policies/rules/routing/validation-warnings";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const gateway = (servers: object[]) => istio("Gateway", "edge", "istio-ingress", { selector: { istio: "ingressgateway" }, servers });
const serviceEntry = (extra: object) => istio("ServiceEntry", "db", "default", { hosts: ["db.internal"], addresses: ["10.0.0.5"], ports: [{ number: 5432, name: "tcp", protocol: "TCP" }], ...extra });

describe("policy routing-validation-warnings", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a redirect on the HTTP server, certificates where TLS ends at the gateway, a selector with STATIC", async () => {
        await assertNoViolations(policy, gateway([
            { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["a.example.com"], tls: { httpsRedirect: true } },
            { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["a.example.com"], tls: { mode: "SIMPLE", credentialName: "a-tls" } },
            { port: { number: 8443, name: "tls", protocol: "TLS" }, hosts: ["b.example.com"], tls: { mode: "PASSTHROUGH" } },
        ]));
        await assertNoViolations(policy, serviceEntry({ resolution: "STATIC", workloadSelector: { labels: { app: "db" } } }));
    });

    it("flags a redirect on an HTTPS server and certificates on a PASSTHROUGH server (IST0133)", async () => {
        await assertViolations(policy, gateway([
            { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["a.example.com"], tls: { mode: "SIMPLE", credentialName: "a-tls", httpsRedirect: true } },
            { port: { number: 8443, name: "tls", protocol: "TLS" }, hosts: ["b.example.com"], tls: { mode: "PASSTHROUGH", credentialName: "b-tls" } },
        ]), [{ code: "ISM0326", subject: "Gateway istio-ingress/edge" }, { code: "ISM0326", subject: "Gateway istio-ingress/edge" }]);
    });

    it("flags a ServiceEntry's workloadSelector with resolution NONE, the default", async () => {
        await assertViolations(policy, serviceEntry({ workloadSelector: { labels: { app: "db" } } }), [{ code: "ISM0326", subject: "ServiceEntry default/db" }]);
    });
});
