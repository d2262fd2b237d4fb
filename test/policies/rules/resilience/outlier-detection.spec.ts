import { outlierDetection as policy } from "../../../../policies/rules/resilience/outlier-detection";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

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
        await assertHasViolation(policy, dr({ subsets: [] }), [/DestinationRule default\/myapp sets no trafficPolicy\.outlierDetection:/, /consecutive5xxErrors/]);
    });

    it("names the subsets that lack it", async () => {
        await assertHasViolation(policy, dr({ subsets: [{ name: "v1", trafficPolicy: { outlierDetection: od } }, { name: "v2" }] }), [/nor do subsets v2/]);
    });
});
