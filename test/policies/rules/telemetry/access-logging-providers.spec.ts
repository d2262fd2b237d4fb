import { accessLoggingProviders as policy } from "../../../../policies/rules/telemetry/access-logging-providers";
import { assertNoViolations, assertViolations, assertWellFormed, chart, istio } from "../../helpers";

const logs = (accessLogging: object[]) => istio("Telemetry", "access-logs", "shop", { accessLogging });

describe("policy telemetry-access-logging-providers", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes entries that name a provider or turn logging off", async () => {
        await assertNoViolations(policy, logs([{ providers: [{ name: "envoy" }] }, { disabled: true }]));
    });

    it("passes an entry without provider when meshConfig sets a default access log provider", async () => {
        await assertNoViolations(policy, [
            chart("istiod", "istiod", "1.30.3", { meshConfig: { defaultProviders: { accessLogging: ["envoy"] } } }),
            logs([{ filter: { expression: "response.code >= 400" } }]),
        ]);
    });

    it("flags an entry without provider and no default (IST0157)", async () => {
        await assertViolations(policy, [chart("istiod", "istiod", "1.30.3", {}), logs([{ filter: { expression: "response.code >= 400" } }])], [
            { code: "ISM0802", subject: "Telemetry shop/access-logs" },
        ]);
    });
});
