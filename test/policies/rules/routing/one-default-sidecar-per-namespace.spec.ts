import { oneDefaultSidecarPerNamespace as policy } from "../../../../policies/rules/routing/one-default-sidecar-per-namespace";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const sidecar = (name: string, namespace: string, extra: object = {}) => istio("Sidecar", name, namespace, { egress: [{ hosts: ["./*"] }], ...extra });

describe("policy routing-one-default-sidecar-per-namespace", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one namespace-wide Sidecar per namespace next to selected ones", async () => {
        await assertNoViolations(policy, [
            sidecar("default", "shop"),
            sidecar("api", "shop", { workloadSelector: { labels: { app: "api" } } }),
            sidecar("default", "blog"),
        ]);
    });

    it("flags each of two Sidecars without workloadSelector in one namespace (IST0111)", async () => {
        await assertViolations(policy, [sidecar("default", "shop"), sidecar("egress", "shop")], [
            { code: "ISM0310", subject: "Sidecar shop/default" },
            { code: "ISM0310", subject: "Sidecar shop/egress" },
        ]);
    });
});
