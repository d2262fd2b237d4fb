import { destinationRuleCaCertificates as policy } from "../../../../policies/rules/mtls/destination-rule-ca-certificates";
import { assertNoViolations, assertViolations, assertWellFormed, chart, deployment, istio, namespace } from "../../helpers";

const dr = (trafficPolicy: object, extra: object = {}, ns = "shop") => istio("DestinationRule", "payments", ns, { host: "api.payments.example.com", trafficPolicy, ...extra });
const mutualPort = { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "MUTUAL", credentialName: "client-credential" } }] };
// The egress gateway as the stack installs it (chart release in istio-system), and as the engine renders it.
const egressChart = chart("istio-egressgateway", "gateway", "1.30.3", { service: { type: "ClusterIP" } });
const renderedEgress = deployment("istio-egressgateway", "egress", { labels: { istio: "egressgateway" }, annotations: { "inject.istio.io/templates": "gateway" } });

describe("policy mtls-destination-rule-ca-certificates", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes ISTIO_MUTUAL, TLS origination with caCertificates, and a gateway's rule whose credentialName brings the CA", async () => {
        await assertNoViolations(policy, dr({ tls: { mode: "ISTIO_MUTUAL" } }));
        await assertNoViolations(policy, dr({ tls: { mode: "SIMPLE", caCertificates: "/etc/certs/ca.pem" } }));
        await assertNoViolations(policy, dr({ tls: { mode: "MUTUAL", credentialName: "payments-client" } }, { workloadSelector: { matchLabels: { istio: "egressgateway" } } }));
    });

    it("passes a credentialName in a rule only the gateways of its namespace read (exported there only; no selector needed at a gateway)", async () => {
        await assertNoViolations(policy, [egressChart, dr(mutualPort, { exportTo: ["."] }, "istio-system")]);
        await assertNoViolations(policy, [egressChart, dr(mutualPort, { exportTo: ["istio-system"] }, "istio-system")]);
        await assertNoViolations(policy, [renderedEgress, dr(mutualPort, { exportTo: ["."] }, "egress")]);
    });

    it("flags SIMPLE without caCertificates for the host (IST0128)", async () => {
        await assertViolations(policy, dr({ tls: { mode: "SIMPLE" } }), [{ code: "ISM0106", subject: "DestinationRule shop/payments" }]);
    });

    it("flags a port's MUTUAL without caCertificates (IST0129), a credentialName without workloadSelector too", async () => {
        await assertViolations(policy, dr({
            tls: { mode: "SIMPLE", caCertificates: "/etc/certs/ca.pem" },
            portLevelSettings: [{ port: { number: 8443 }, tls: { mode: "MUTUAL", credentialName: "payments-client" } }],
        }), [{ code: "ISM0107", subject: "DestinationRule shop/payments" }]);
    });

    it("flags a credentialName that sidecars read too: the rule exported further, in a namespace without gateways, or one with injected workloads", async () => {
        const flagged = (ns: string) => [{ code: "ISM0107", subject: `DestinationRule ${ns}/payments` }];
        await assertViolations(policy, [egressChart, dr(mutualPort, { exportTo: [".", "default"] }, "istio-system")], flagged("istio-system"));
        await assertViolations(policy, [egressChart, dr(mutualPort, {}, "istio-system")], flagged("istio-system"));
        await assertViolations(policy, [egressChart, dr(mutualPort, { exportTo: ["."] })], flagged("shop"));
        await assertViolations(policy, [egressChart, namespace("istio-system", { "istio-injection": "enabled" }, true), dr(mutualPort, { exportTo: ["."] }, "istio-system")],
            flagged("istio-system"));
    });
});
