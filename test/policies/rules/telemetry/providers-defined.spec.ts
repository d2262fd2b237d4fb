import { telemetryProviders as policy } from "../../../../policies/rules/telemetry/providers-defined";
import { assertNoViolations, assertViolations, assertWellFormed, chart, fixture, istio } from "../../helpers";

const tracing = (provider: string) => istio("Telemetry", "mesh-default", "istio-system", { tracing: [{ providers: [{ name: provider }], randomSamplingPercentage: 100 }] });
const istiod = (values: object) => chart("istio-istiod", "istiod", "1.30.3", values);
const jaegerMesh = { meshConfig: { extensionProviders: [{ name: "jaeger", opentelemetry: { service: "jaeger-collector.istio-system.svc.cluster.local", port: 4317 } }] } };

describe("policy telemetry-providers-defined", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes providers from meshConfig, from the demo profile, and built-in ones", async () => {
        await assertNoViolations(policy, [istiod(jaegerMesh), tracing("jaeger")]);
        await assertNoViolations(policy, [istiod({ profile: "demo" }), tracing("otel-tracing")]);
        await assertNoViolations(policy, [istiod({}), istio("Telemetry", "logs", "istio-system", { accessLogging: [{ providers: [{ name: "envoy" }] }] })]);
    });

    it("flags a provider meshConfig does not define", async () => {
        await assertViolations(policy, [istiod(jaegerMesh), tracing("zipkin")], [{ code: "ISM0801", subject: "Telemetry istio-system/mesh-default" }]);
    });

    it("flags a demo-profile provider once meshConfig replaces the profile's list", async () => {
        await assertViolations(policy, [istiod({ profile: "demo", ...jaegerMesh }), tracing("otel-tracing")], [{ code: "ISM0801", subject: "Telemetry istio-system/mesh-default" }]);
    });

    it("reads providers from a rendered istio ConfigMap", async () => {
        const cm = fixture("kubernetes:core/v1:ConfigMap", "istio", {
            metadata: { name: "istio-1-30-3", namespace: "istio-system" },
            data: { mesh: "defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\nextensionProviders:\n- name: otel\n  opentelemetry:\n    port: 4317\n    service: otel.observability.svc.cluster.local\n" },
        });
        await assertNoViolations(policy, [cm, tracing("otel")]);
        await assertViolations(policy, [cm, tracing("jaeger")], [{ code: "ISM0801", subject: "Telemetry istio-system/mesh-default" }]);
    });
});
