import { virtualServiceHosts as policy } from "../../../../policies/rules/routing/virtual-service-wildcard-hosts";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const vs = (hosts: string[], version?: string) => istio("VirtualService", "myapp", "default", { hosts, http: [{ route: [{ destination: { host: "myapp" } }] }] }, version);

describe("policy routing-virtual-service-wildcard-hosts", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes named hosts, and an allowed gateway wildcard", async () => {
        await assertNoViolations(policy, vs(["myapp", "myapp.default.svc.cluster.local"]));
        await assertNoViolations(policy, vs(["*.shop.example.com"]), { allowedHosts: ["*.shop.example.com"] });
    });

    it("flags `*`, in v1beta1 and v1alpha3 too", async () => {
        for (const version of ["v1", "v1beta1", "v1alpha3"]) {
            await assertViolations(policy, vs(["*"], version), [{ code: "ISM0301", subject: "VirtualService default/myapp" }]);
        }
    });

    it("flags a wildcard domain not on the allow-list", async () => {
        await assertViolations(policy, vs(["myapp", "*.example.com"]), [{ code: "ISM0301", subject: "VirtualService default/myapp" }]);
    });
});
