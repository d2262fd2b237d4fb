import { strict as assert } from "assert";
import { meshWideStrict as policy } from "../../../../policies/rules/mtls/mesh-wide-strict";
import { assertViolations, assertNoViolations, assertWellFormed, istio } from "../../helpers";

describe("policy mtls-mesh-wide-strict", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes the seed's mesh-wide STRICT PeerAuthentication", async () => {
        await assertNoViolations(policy, [istio("PeerAuthentication", "default", "istio-system", { mtls: { mode: "STRICT" } })]);
    });

    it("flags a stack without a mesh-wide PeerAuthentication (a namespace one does not count)", async () => {
        const [v] = await assertViolations(policy, [istio("PeerAuthentication", "default", "default", { mtls: { mode: "STRICT" } })], [{ code: "ISM0104", subject: "The stack" }]);
        assert.match(v.message, /no mesh-wide PeerAuthentication in istio-system.*mtls\.mode: STRICT/);
    });

    it("flags a mesh-wide PeerAuthentication that is not STRICT, on that resource", async () => {
        const pa = istio("PeerAuthentication", "default", "istio-system", { mtls: { mode: "PERMISSIVE" } });
        const [v] = await assertViolations(policy, [pa], [{ code: "ISM0105", subject: "PeerAuthentication istio-system/default" }]);
        assert.equal(v.urn, pa.urn);
    });

    it("reads the root namespace from config", async () => {
        await assertViolations(policy, [istio("PeerAuthentication", "default", "istio-system", { mtls: { mode: "STRICT" } })], [{ code: "ISM0104", subject: "The stack" }], { rootNamespace: "mesh-root" });
    });
});
