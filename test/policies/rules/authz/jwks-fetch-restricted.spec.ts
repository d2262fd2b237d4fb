import { jwksFetchRestricted as policy } from "../../../../policies/rules/authz/jwks-fetch-restricted";
import { assertNoViolations, assertViolations, assertWellFormed, chart, deployment, istio } from "../../helpers";

const jwt = () => istio("RequestAuthentication", "jwt", "shop", { jwtRules: [{ issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks.json" }] });

describe("policy authz-jwks-fetch-restricted", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes a stack without RequestAuthentication, and istiod with BLOCKED_CIDRS_IN_JWKS_URIS (env or pilot.env)", async () => {
        await assertNoViolations(policy, chart("istiod", "istiod", "1.30.3", {}));
        await assertNoViolations(policy, [jwt(), chart("istiod", "istiod", "1.30.3", { env: { BLOCKED_CIDRS_IN_JWKS_URIS: "169.254.0.0/16" } })]);
        await assertNoViolations(policy, [jwt(), chart("istiod", "istiod", "1.30.3", { pilot: { env: { BLOCKED_CIDRS_IN_JWKS_URIS: "10.0.0.0/8" } } })]);
    });

    it("flags istiod's chart, and a rendered istiod Deployment, without it (IST0175)", async () => {
        await assertViolations(policy, [jwt(), chart("istiod", "istiod", "1.30.3", {})], [{ code: "ISM0207", subject: "istiod chart istiod" }]);
        const istiod = deployment("istiod", "istio-system");
        istiod.props.metadata.labels = { app: "istiod" };
        await assertViolations(policy, [jwt(), istiod], [{ code: "ISM0207", subject: "Deployment istio-system/istiod" }]);
    });
});
