import { sidecarInAmbientNamespace as policy } from "../../../../policies/rules/routing/sidecar-in-ambient-namespace";
import { assertNoViolations, assertViolations, assertWellFormed, istio, namespace } from "../../helpers";

const sidecar = (name: string, extra: object = {}) => istio("Sidecar", name, "shop", { egress: [{ hosts: ["./*"] }], ...extra });

describe("policy routing-sidecar-in-ambient-namespace", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes Sidecars in sidecar-mode namespaces, and selected ones in ambient namespaces", async () => {
        await assertNoViolations(policy, [namespace("shop", { "istio-injection": "enabled" }), sidecar("default")]);
        await assertNoViolations(policy, [namespace("shop", { "istio.io/dataplane-mode": "ambient" }), sidecar("api", { workloadSelector: { labels: { app: "api" } } })]);
    });

    it("flags a namespace-wide Sidecar in an ambient namespace (IST0167)", async () => {
        await assertViolations(policy, [namespace("shop", { "istio.io/dataplane-mode": "ambient" }), sidecar("default")], [{ code: "ISM0322", subject: "Sidecar shop/default" }]);
    });
});
