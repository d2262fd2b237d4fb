import { peerAuthenticationMode as policy } from "../../../../policies/rules/mtls/peer-authentication-mode";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const pa = (spec: object, version?: string) => istio("PeerAuthentication", "default", "istio-system", spec, version);
// Istio accepts portLevelMtls only on a workload-scoped PeerAuthentication.
const workload = (portLevelMtls: object) =>
    istio("PeerAuthentication", "orders", "default", { selector: { matchLabels: { app: "orders" } }, mtls: { mode: "STRICT" }, portLevelMtls });

describe("policy mtls-peer-authentication-mode", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes STRICT, and a port exemption listed in allowedPorts", async () => {
        await assertNoViolations(policy, pa({ mtls: { mode: "STRICT" } }));
        await assertNoViolations(policy, workload({ 8080: { mode: "DISABLE" } }), { allowedPorts: [8080] });
    });

    it("flags a PERMISSIVE mode, in every served API version", async () => {
        for (const version of ["v1", "v1beta1"]) {
            await assertViolations(policy, pa({ mtls: { mode: "PERMISSIVE" } }, version), [{ code: "ISM0101", subject: "PeerAuthentication istio-system/default" }]);
        }
    });

    it("flags a DISABLE mode", async () => {
        await assertViolations(policy, pa({ mtls: { mode: "DISABLE" } }), [{ code: "ISM0101", subject: "PeerAuthentication istio-system/default" }]);
    });

    it("flags a port-level DISABLE that is not an allowed exemption", async () => {
        await assertViolations(policy, workload({ 9000: { mode: "DISABLE" } }), [{ code: "ISM0102", subject: "PeerAuthentication default/orders" }], { allowedPorts: [8080] });
    });
});
