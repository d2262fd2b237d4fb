import { deprecatedFields as policy } from "../../../../policies/rules/platform/deprecated-fields";
import { assertNoViolations, assertViolations, assertWellFormed, chart, fixture, istio } from "../../helpers";

const route = (fault: object) => istio("VirtualService", "ratings", "default", { hosts: ["ratings"], http: [{ fault, route: [{ destination: { host: "ratings" } }] }] });

describe("policy platform-deprecated-fields", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes current fields: fault.delay.percentage, Sidecar egress, OpenTelemetry tracing", async () => {
        await assertNoViolations(policy, [
            route({ delay: { percentage: { value: 10 }, fixedDelay: "5s" } }),
            istio("Sidecar", "default", "shop", { egress: [{ hosts: ["./*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } }),
            chart("istiod", "istiod", "1.30.3", { meshConfig: { extensionProviders: [{ name: "otel", opentelemetry: { service: "otel.observability.svc.cluster.local", port: 4317 } }] } }),
            istio("Telemetry", "tracing", "istio-system", { tracing: [{ providers: [{ name: "otel" }] }] }),
        ]);
    });

    it("flags fault.delay.percent, Sidecar egressProxy, tracing to Lightstep, and removed rbac.istio.io kinds (IST0002)", async () => {
        await assertViolations(policy, [
            route({ delay: { percent: 10, fixedDelay: "5s" } }),
            istio("Sidecar", "default", "shop", { outboundTrafficPolicy: { mode: "REGISTRY_ONLY", egressProxy: { host: "egress.example.com" } } }),
            chart("istiod", "istiod", "1.30.3", { meshConfig: { extensionProviders: [{ name: "ls", lightstep: { service: "ls.example.com", port: 8080, accessToken: "x" } }] } }),
            istio("Telemetry", "tracing", "istio-system", { tracing: [{ providers: [{ name: "ls" }] }] }),
            fixture("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "serviceroles", {
                apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "serviceroles.rbac.istio.io" }, spec: { group: "rbac.istio.io", names: { kind: "ServiceRole" } },
            }),
        ], [
            { code: "ISM0607", subject: "VirtualService default/ratings" },
            { code: "ISM0607", subject: "Sidecar shop/default" },
            { code: "ISM0607", subject: "Telemetry istio-system/tracing" },
            { code: "ISM0607", subject: "CustomResourceDefinition serviceroles.rbac.istio.io" },
        ]);
    });
});
