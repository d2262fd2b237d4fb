import { strict as assert } from "assert";
import fc from "fast-check";
import { JAEGER_PORTS, jaegerServiceName } from "../components/observability/jaeger-values";
import { meshTelemetry, tracingMeshConfig } from "../components/observability/tracing";
import { assertValidIstioObject, validateIstioObject } from "./helpers/istio-crd-validator";
import { named, ofType, ProgramRun, readStackFile, Registered, runProgram, runStack } from "./helpers/mock-program";

const TELEMETRY = "kubernetes:telemetry.istio.io/v1:Telemetry";
const CHART = "kubernetes:helm.sh/v4:Chart";

function chart(run: ProgramRun, name: string): Registered {
    const found = ofType(run, CHART).find((c) => c.inputs.chart === name);
    assert.ok(found, `chart ${name} is registered`);
    return found;
}

function telemetryObject(r: Registered) {
    const { apiVersion, kind, metadata, spec } = r.inputs;
    return { apiVersion, kind, metadata, spec };
}

describe("mesh tracing", () => {
    it("declares Jaeger as an OpenTelemetry extension provider and turns tracing on", () => {
        assert.deepEqual(tracingMeshConfig({ name: "jaeger", service: "jaeger.istio-system.svc.cluster.local", port: 4317 }), {
            enableTracing: true,
            extensionProviders: [{ name: "jaeger", opentelemetry: { service: "jaeger.istio-system.svc.cluster.local", port: 4317 } }],
        });
    });

    it("builds a Telemetry that passes the CRD schema and its CEL rules", () => {
        const telemetry = meshTelemetry({ name: "mesh-default", namespace: "istio-system", provider: "jaeger", randomSamplingPercentage: 1 });
        assertValidIstioObject(telemetry);
        assert.deepEqual(telemetry.spec, { tracing: [{ providers: [{ name: "jaeger" }], randomSamplingPercentage: 1 }] });
    });

    it("the validator is strict: it rejects a sampling rate over 100 and an unknown field", () => {
        const good = meshTelemetry({ name: "t", namespace: "istio-system", provider: "jaeger", randomSamplingPercentage: 5 });
        const tracing = (good.spec.tracing as Array<Record<string, unknown>>)[0];
        assert.notDeepEqual(validateIstioObject({ ...good, spec: { tracing: [{ ...tracing, randomSamplingPercentage: 150 }] } }), []);
        assert.notDeepEqual(validateIstioObject({ ...good, spec: { tracing: [{ ...tracing, samplingRate: 5 }] } }), []);
    });

    it("property: every percentage from 0 to 100 gives a valid Telemetry; anything else is refused by name", () => {
        fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (p) => {
            assertValidIstioObject(meshTelemetry({ name: "mesh-default", namespace: "istio-system", provider: "jaeger", randomSamplingPercentage: p }));
        }));
        fc.assert(fc.property(fc.oneof(fc.double({ min: 100, minExcluded: true, noNaN: true }), fc.double({ max: -Number.MIN_VALUE, noNaN: true })), (p) => {
            assert.throws(() => meshTelemetry({ name: "mesh-default", namespace: "istio-system", provider: "jaeger", randomSamplingPercentage: p }),
                /^ArgsError: Telemetry mesh-default: randomSamplingPercentage: expected a percentage from 0 to 100/);
        }));
    });

    for (const [stack, sampling] of [["dev", 100], ["prod", 1]] as const) {
        describe(`stack ${stack}`, () => {
            let run: ProgramRun;
            before(async () => { run = await runStack(stack); });

            it(`creates one valid mesh-wide Telemetry in istio-system sampling ${sampling}%`, () => {
                const [telemetry, ...more] = ofType(run, TELEMETRY);
                assert.ok(telemetry);
                assert.equal(more.length, 0);
                const object = telemetryObject(telemetry);
                assertValidIstioObject(object);
                assert.equal(object.metadata.namespace, "istio-system");
                assert.equal(object.spec.tracing[0].randomSamplingPercentage, sampling);
            });

            it("names a provider that istiod's meshConfig declares, pointing at the Jaeger chart's OTLP port", () => {
                const mesh = chart(run, "istiod").inputs.values.meshConfig;
                assert.equal(mesh.enableTracing, true);
                const [selected] = telemetryObject(ofType(run, TELEMETRY)[0]).spec.tracing[0].providers;
                const provider = mesh.extensionProviders.find((p: { name: string }) => p.name === selected.name);
                assert.ok(provider, `extension provider ${selected.name} exists`);
                const jaeger = chart(run, "jaeger");
                assert.equal(provider.opentelemetry.service, `${jaegerServiceName(jaeger.inputs.name)}.${jaeger.inputs.namespace}.svc.cluster.local`);
                const receiver = jaeger.inputs.values.userconfig.receivers.otlp.protocols.grpc.endpoint as string;
                assert.equal(provider.opentelemetry.port, Number(receiver.split(":").pop()));
                assert.equal(provider.opentelemetry.port, JAEGER_PORTS.otlpGrpc);
            });

            it("creates the Telemetry only once istiod (CRDs and webhook) is ready", () => {
                const telemetry = ofType(run, TELEMETRY)[0];
                assert.ok(telemetry.dependencies.includes(named(run, "istio-istiod").urn));
            });
        });
    }

    it("with tracing off: no Telemetry and no tracing in meshConfig", async () => {
        const run = await runProgram({ ...readStackFile("dev"), "istio-mesh:observability": { tracing: { enabled: false } } });
        assert.equal(ofType(run, TELEMETRY).length, 0);
        const mesh = chart(run, "istiod").inputs.values.meshConfig ?? {};
        assert.equal(mesh.enableTracing, undefined);
        assert.equal(mesh.extensionProviders, undefined);
    });
});
