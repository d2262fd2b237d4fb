import { destinationRuleCaCertificates as policy } from "../../../../policies/rules/mtls/destination-rule-ca-certificates";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const dr = (trafficPolicy: object, extra: object = {}) => istio("DestinationRule", "payments", "shop", { host: "api.payments.example.com", trafficPolicy, ...extra });

describe("policy mtls-destination-rule-ca-certificates", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes ISTIO_MUTUAL, TLS origination with caCertificates, and a gateway's rule whose credentialName brings the CA", async () => {
        await assertNoViolations(policy, dr({ tls: { mode: "ISTIO_MUTUAL" } }));
        await assertNoViolations(policy, dr({ tls: { mode: "SIMPLE", caCertificates: "/etc/certs/ca.pem" } }));
        await assertNoViolations(policy, dr({ tls: { mode: "MUTUAL", credentialName: "payments-client" } }, { workloadSelector: { matchLabels: { istio: "egressgateway" } } }));
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
});
