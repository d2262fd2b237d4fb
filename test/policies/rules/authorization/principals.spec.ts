import { principals as policy } from "../../../../policies/rules/authorization/principals";
import { assertHasViolation, assertNoViolations, assertWellFormed, istio } from "../../helpers";

const ap = (principals: string[], field = "principals") => istio("AuthorizationPolicy", "orders-policy", "default", { rules: [{ from: [{ source: { [field]: principals } }] }] });

describe("policy authz-principals", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes SPIFFE identities of the trust domain", async () => {
        await assertNoViolations(policy, ap(["cluster.local/ns/default/sa/api-gateway", "cluster.local/ns/shop/sa/*"]));
        await assertNoViolations(policy, ap(["corp.example/ns/default/sa/api"]), { trustDomains: ["corp.example"] });
    });

    it("flags `*`", async () => {
        await assertHasViolation(policy, ap(["*"]), [/rules\[0\]\.from\[0\]\.source\.principals "\*"/, /every caller in the mesh/, /cluster\.local\/ns\/<namespace>\/sa\/<serviceAccount>/]);
    });

    it("flags a bare service account name and a spiffe:// URI", async () => {
        await assertHasViolation(policy, ap(["api-gateway"]), [/"api-gateway" is not a SPIFFE identity/]);
        await assertHasViolation(policy, ap(["spiffe://cluster.local/ns/default/sa/api"], "notPrincipals"), [/notPrincipals/, /drop the prefix/]);
    });

    it("flags a prefix wildcard over identities", async () => {
        await assertHasViolation(policy, ap(["cluster.local/ns/default/*"]), [/is a wildcard over identities/, /source\.namespaces/]);
    });

    it("flags another trust domain", async () => {
        await assertHasViolation(policy, ap(["cluster.locl/ns/default/sa/api"]), [/trust domain cluster\.locl, not one of cluster\.local/]);
    });
});
