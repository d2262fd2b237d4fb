import { peerAuthenticationMode as policy } from "../../../../policies/rules/mtls/peer-authentication-mode";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

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
            await assertHasViolation(policy, pa({ mtls: { mode: "PERMISSIVE" } }, version), [/PeerAuthentication istio-system\/default/, /mtls\.mode PERMISSIVE/, /Set mtls\.mode: STRICT/]);
        }
    });

    it("flags a DISABLE mode", async () => {
        await assertHasViolation(policy, pa({ mtls: { mode: "DISABLE" } }), [/mtls\.mode DISABLE/, /accept plaintext/]);
    });

    it("flags a port-level DISABLE that is not an allowed exemption", async () => {
        await assertHasViolation(policy, workload({ 9000: { mode: "DISABLE" } }), [
            /PeerAuthentication default\/orders sets portLevelMtls\[9000\]\.mode DISABLE/,
            /add 9000 to allowedPorts/,
        ], { allowedPorts: [8080] });
    });
});
