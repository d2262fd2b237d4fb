import { oneDefaultTelemetryPerNamespace as policy } from "../../../../policies/rules/telemetry/one-default-per-namespace";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const telemetry = (name: string, namespace: string, extra: object = {}) => istio("Telemetry", name, namespace, { tracing: [{ randomSamplingPercentage: 10 }], ...extra });

describe("policy telemetry-one-default-per-namespace", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes one namespace-wide Telemetry per namespace next to selected or targeted ones", async () => {
        await assertNoViolations(policy, [
            telemetry("mesh-default", "istio-system"),
            telemetry("default", "shop"),
            telemetry("api", "shop", { selector: { matchLabels: { app: "api" } } }),
            telemetry("ingress", "shop", { targetRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public" }] }),
        ]);
    });

    it("flags each of two Telemetries without selector in one namespace (IST0160)", async () => {
        await assertViolations(policy, [telemetry("tracing", "shop"), telemetry("sampling", "shop")], [
            { code: "ISM0803", subject: "Telemetry shop/tracing" },
            { code: "ISM0803", subject: "Telemetry shop/sampling" },
        ]);
    });
});
