import { destinationRuleTls as policy } from "../../../../policies/rules/mtls/destination-rule-tls";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const dr = (spec: object) => istio("DestinationRule", "myapp", "default", { host: "myapp", ...spec });

describe("policy mtls-destination-rule-tls", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes auto mTLS, ISTIO_MUTUAL, and DISABLE for an exempt external host", async () => {
        await assertNoViolations(policy, dr({ subsets: [{ name: "v1", labels: { version: "v1" } }] }));
        await assertNoViolations(policy, dr({ trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } }));
        await assertNoViolations(policy, istio("DestinationRule", "legacy", "default", { host: "legacy.example.com", trafficPolicy: { tls: { mode: "DISABLE" } } }), {
            exemptHosts: ["legacy.example.com"],
        });
    });

    it("flags DISABLE at the top level", async () => {
        await assertViolations(policy, dr({ trafficPolicy: { tls: { mode: "DISABLE" } } }), [{ code: "ISM0103", subject: "DestinationRule default/myapp" }]);
    });

    it("flags DISABLE in a subset's port-level settings", async () => {
        await assertViolations(policy, dr({ subsets: [{ name: "v2", labels: { version: "v2" }, trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: "DISABLE" } }] } }] }), [{ code: "ISM0103", subject: "DestinationRule default/myapp" }]);
    });
});
