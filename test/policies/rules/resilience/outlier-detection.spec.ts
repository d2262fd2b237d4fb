import { strict as assert } from "assert";
import { outlierDetection as policy } from "../../../../policies/rules/resilience/outlier-detection";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const od = { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s" };
const dr = (spec: object, host = "myapp") => istio("DestinationRule", "myapp", "default", { host, ...spec });

describe("policy resilience-outlier-detection", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes host-wide outlierDetection, per-subset outlierDetection, and exempt hosts", async () => {
        await assertNoViolations(policy, dr({ trafficPolicy: { outlierDetection: od } }));
        await assertNoViolations(policy, dr({ subsets: [{ name: "v1", trafficPolicy: { outlierDetection: od } }] }));
        await assertNoViolations(policy, dr({}, "api.example.com"), { exemptHosts: ["api.example.com"] });
    });

    it("flags a rule without outlierDetection", async () => {
        await assertViolations(policy, dr({ subsets: [] }), [{ code: "ISM0401", subject: "DestinationRule default/myapp" }]);
    });

    it("names the subsets that lack it", async () => {
        const [r] = await assertViolations(policy, dr({ subsets: [{ name: "v1", trafficPolicy: { outlierDetection: od } }, { name: "v2" }] }), [{ code: "ISM0401", subject: "DestinationRule default/myapp" }]);
        // The spec is about which subsets the message names.
        assert.match(r.message, /nor do subsets v2\b/);
    });
});
