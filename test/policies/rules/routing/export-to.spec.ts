import { exportTo as policy } from "../../../../policies/rules/routing/export-to";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

describe("policy routing-export-to", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a VirtualService and a DestinationRule that set exportTo", async () => {
        await assertNoViolations(policy, istio("VirtualService", "myapp", "default", { hosts: ["myapp"], exportTo: ["."] }));
        await assertNoViolations(policy, istio("DestinationRule", "myapp", "default", { host: "myapp", exportTo: [".", "shop"] }));
    });

    it("flags a VirtualService without exportTo", async () => {
        await assertHasViolation(policy, istio("VirtualService", "myapp", "default", { hosts: ["myapp"] }), [/VirtualService default\/myapp has no exportTo/, /exportTo: \["\."\]/]);
    });

    it("flags a DestinationRule with an empty exportTo", async () => {
        await assertHasViolation(policy, istio("DestinationRule", "myapp", "default", { host: "myapp", exportTo: [] }), [/DestinationRule default\/myapp has no exportTo/]);
    });
});
