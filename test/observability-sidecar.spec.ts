import { strict as assert } from "assert";
import fc from "fast-check";
import * as path from "path";
import { QUANTITY_PATTERN } from "../components/common/validation";
import { istiodValues } from "../components/mesh/helm-values";
import { SIDECAR_INJECT_LABEL, withoutSidecar } from "../components/observability/injection-opt-out";
import { PROXY_RESOURCE_ANNOTATIONS, proxyResourceAnnotations } from "../components/observability/proxy-resources";
import { ISTIO_REFERENCE, readYaml } from "./helpers/chart-values";
import { ofType, runStack } from "./helpers/mock-program";

interface Catalogued {
    name: string;
    deprecated: boolean;
    resources: string[];
}

function catalogue(file: string, key: string): Map<string, Catalogued> {
    const entries = (readYaml(path.join(ISTIO_REFERENCE, "api", file)) as Record<string, Catalogued[]>)[key];
    return new Map(entries.map((e) => [e.name, e]));
}

const annotations = catalogue("annotations.yaml", "annotations");
const labels = catalogue("labels.yaml", "labels");

describe("sidecar resources and injection opt-out", () => {
    it("uses only current Istio 1.30.3 pod annotations for proxy resources", () => {
        for (const name of Object.values(PROXY_RESOURCE_ANNOTATIONS)) {
            const entry = annotations.get(name);
            assert.ok(entry, `${name} is an Istio annotation`);
            assert.equal(entry.deprecated, false, `${name} is not deprecated`);
            assert.ok(entry.resources.includes("Pod"), `${name} goes on pods`);
        }
    });

    it("opts out of injection with the pod label, not the deprecated annotation (IST0135)", () => {
        const label = labels.get(SIDECAR_INJECT_LABEL);
        assert.ok(label, "sidecar.istio.io/inject is an Istio label");
        assert.equal(label.deprecated, false);
        assert.ok(label.resources.includes("Pod"));
        assert.equal(annotations.get(SIDECAR_INJECT_LABEL)?.deprecated, true, "the annotation of that name is the deprecated one");
        const messages = readYaml(path.join(ISTIO_REFERENCE, "analysis/messages.yaml")) as { messages: Array<{ code: string; template: string }> };
        assert.match(messages.messages.find((m) => m.code === "IST0135")?.template ?? "", /deprecated/);
        assert.deepEqual(withoutSidecar({ app: "batch" }), { app: "batch", "sidecar.istio.io/inject": "false" });
    });

    it("turns the seed's resources into the seed's annotations", () => {
        assert.deepEqual(proxyResourceAnnotations({ cpu: "100m", memory: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" }), {
            "sidecar.istio.io/proxyCPU": "100m",
            "sidecar.istio.io/proxyMemory": "128Mi",
            "sidecar.istio.io/proxyCPULimit": "500m",
            "sidecar.istio.io/proxyMemoryLimit": "256Mi",
        });
        assert.deepEqual(proxyResourceAnnotations({ memoryLimit: "1Gi" }), { "sidecar.istio.io/proxyMemoryLimit": "1Gi" });
    });

    it("rejects a quantity that is not one, naming the field", () => {
        assert.throws(() => proxyResourceAnnotations({ cpu: "100 m" }),
            /^ArgsError: sidecar proxy resources: cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got "100 m"$/);
        assert.throws(() => proxyResourceAnnotations({ memoryLimit: "lots" }), /memoryLimit: expected a Kubernetes quantity/);
        assert.throws(() => proxyResourceAnnotations({ cpu: "1", gpu: "1" } as never), /gpu: unknown key; allowed here: cpu, memory, cpuLimit, memoryLimit/);
    });

    it("property: any valid quantities map field by field onto the annotations", () => {
        const q = fc.stringMatching(QUANTITY_PATTERN);
        fc.assert(fc.property(
            fc.record({ cpu: q, memory: q, cpuLimit: q, memoryLimit: q }, { requiredKeys: [] }),
            (resources) => {
                const out = proxyResourceAnnotations(resources);
                assert.equal(Object.keys(out).length, Object.keys(resources).length);
                for (const [field, value] of Object.entries(resources)) {
                    assert.equal(out[PROXY_RESOURCE_ANNOTATIONS[field as keyof typeof PROXY_RESOURCE_ANNOTATIONS]], value);
                }
            },
        ));
    });

    it("renders mesh-wide proxy defaults under istiod's global.proxy.resources only when given", () => {
        const settings = { namespace: "istio-system", cni: false };
        const istiod = { replicaCount: 1, autoscaleMin: 1, autoscaleMax: 1, resources: {}, podDisruptionBudget: false };
        const resources = { requests: { cpu: "10m", memory: "40Mi" } };
        assert.deepEqual((istiodValues(settings, istiod, {}, { resources }).global as { proxy: unknown }).proxy, { resources });
        assert.equal((istiodValues(settings, istiod).global as { proxy?: unknown }).proxy, undefined);
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: istiod gets the profile's sidecar resources`, async () => {
            const istiod = ofType(await runStack(stack), "kubernetes:helm.sh/v4:Chart").find((c) => c.inputs.chart === "istiod");
            const proxy = istiod?.inputs.values.global.proxy;
            assert.ok(proxy?.resources?.requests?.cpu && proxy.resources.requests.memory, JSON.stringify(proxy));
            if (stack === "prod") assert.ok(proxy.resources.limits?.memory, "production bounds sidecar memory");
        });
    }
});
