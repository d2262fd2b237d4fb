import { exportTo as policy } from "../../../../policies/rules/routing/export-to";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

describe("policy routing-export-to", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a VirtualService and a DestinationRule that set exportTo", async () => {
        await assertNoViolations(policy, istio("VirtualService", "myapp", "default", { hosts: ["myapp"], exportTo: ["."] }));
        await assertNoViolations(policy, istio("DestinationRule", "myapp", "default", { host: "myapp", exportTo: [".", "shop"] }));
    });

    it("flags a VirtualService without exportTo", async () => {
        await assertViolations(policy, istio("VirtualService", "myapp", "default", { hosts: ["myapp"] }), [{ code: "ISM0304", subject: "VirtualService default/myapp" }]);
    });

    it("flags a DestinationRule with an empty exportTo", async () => {
        await assertViolations(policy, istio("DestinationRule", "myapp", "default", { host: "myapp", exportTo: [] }), [{ code: "ISM0304", subject: "DestinationRule default/myapp" }]);
    });
});
