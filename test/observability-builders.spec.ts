import { strict as assert } from "assert";
import { jaegerServiceName, jaegerValues } from "../components/observability/jaeger-values";
import { kialiValues } from "../components/observability/kiali-values";
import { prometheusValues } from "../components/observability/prometheus-values";
import { tracingMeshConfig } from "../components/observability/tracing";

const kiali = {
    release: "kiali",
    istioNamespace: "istio-system",
    auth: { strategy: "token" as const },
    prometheusUrl: "http://prometheus.istio-system:9090",
};

describe("observability builders", () => {
    it("name Jaeger's Service as the chart does", () => {
        assert.equal(jaegerServiceName("jaeger"), "jaeger");
        assert.equal(jaegerServiceName("my-jaeger-v2"), "my-jaeger-v2");
        assert.equal(jaegerServiceName("tracing"), "tracing-jaeger");
        assert.equal(jaegerServiceName(`${"a".repeat(60)}-x`).length <= 63, true);
        assert.doesNotMatch(jaegerServiceName(`${"a".repeat(55)}-b-jaeger`), /-$/);
    });

    it("reject bad arguments, naming the addon and the field", () => {
        assert.throws(() => kialiValues({ ...kiali, auth: { strategy: "ldap" as never } }),
            /^ArgsError: Kiali kiali: auth\.strategy: expected one of "anonymous", "token", "openid", "header", got "ldap"$/);
        assert.throws(() => kialiValues({ ...kiali, prometheusUrl: "prometheus:9090 x" }), /^ArgsError: Kiali kiali: prometheusUrl: /);
        assert.throws(() => prometheusValues({ release: "prometheus", retention: "two weeks", persistentVolume: { enabled: false } }),
            /^ArgsError: Prometheus prometheus: retention: expected a duration such as 15d or 6h, got "two weeks"$/);
        assert.throws(() => jaegerValues({ release: "jaeger", storage: { type: "badger", badger: { size: "10 Gi", ttl: "72h" } } }),
            /^ArgsError: Jaeger jaeger: storage\.badger\.size: expected a Kubernetes quantity/);
        assert.throws(() => tracingMeshConfig({ name: "jaeger", service: "jaeger.istio-system.svc.cluster.local", port: 0 }),
            /^ArgsError: tracing provider: port: /);
    });

    it("Kiali: openid settings pass through as Kiali's own config", () => {
        const openid = { client_id: "kiali", issuer_uri: "https://sso.example.com/realms/mesh", scopes: ["openid", "email"] };
        assert.deepEqual(kialiValues({ ...kiali, auth: { strategy: "openid", openid } }).auth, { strategy: "openid", openid });
    });
});

describe("ObservabilityAddons arguments", () => {
    it("refuses Kiali without Prometheus, naming the component", async () => {
        const pulumi = await import("@pulumi/pulumi");
        const { ObservabilityAddons } = await import("../components/observability/observability-addons");
        await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, "istio-mesh", "unit", true);
        assert.throws(() => new ObservabilityAddons("obs", { namespace: "istio-system", kiali: { auth: { strategy: "token" } } }),
            /^ArgsError: istio-mesh:observability:ObservabilityAddons "obs": kiali: needs prometheus/);
    });
});
