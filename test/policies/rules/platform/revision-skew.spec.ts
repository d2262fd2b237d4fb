import { revisionSkew as policy } from "../../../../policies/rules/platform/revision-skew";
import { assertNoViolations, assertViolations, assertWellFormed, chart } from "../../helpers";

const istiod = (revision: string, version: string) => chart(`istio-istiod-${revision}`, "istiod", version, { revision });

describe("policy platform-revision-skew", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes revisions up to two minor versions apart", async () => {
        await assertNoViolations(policy, [chart("istio-base", "base", "1.30.3", {}), istiod("1-28-1", "1.28.1"), istiod("1-30-3", "1.30.3")]);
        await assertNoViolations(policy, [chart("istio-base", "base", "1.30.3", {}), istiod("1-30-3", "1.30.3")]);
    });

    it("flags a canary across more than two minor versions, counting the CRDs", async () => {
        await assertViolations(policy, [chart("istio-base", "base", "1.30.3", {}), istiod("1-27-0", "1.27.0"), istiod("1-30-3", "1.30.3")],
            [{ code: "ISM0609", subject: "Istio's control planes and CRDs" }]);
        await assertViolations(policy, [chart("istio-base", "base", "1.30.3", {}), istiod("1-27-0", "1.27.0")], [{ code: "ISM0609", subject: "Istio's control planes and CRDs" }]);
        await assertViolations(policy, [chart("istio-base", "base", "2.0.0", {}), istiod("1-30-3", "1.30.3")], [{ code: "ISM0609", subject: "Istio's control planes and CRDs" }]);
    });
});
