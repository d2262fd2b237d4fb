import { strict as assert } from "assert";
import { annotationValues as policy } from "../../../../policies/rules/platform/annotation-values";
import { ANNOTATION_VALUE_CHECKS } from "../../../../policies/rules/lib/annotation-values";
import { ISTIO_ANNOTATIONS } from "../../../../policies/rules/lib/annotation-catalogue";
import { assertNoViolations, assertViolations, assertWellFormed, deployment } from "../../helpers";

const pods = (annotations: Record<string, string>) => deployment("myapp", "default", { annotations });

describe("policy platform-annotation-values", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("checks only annotations of Istio's catalogue", () => {
        for (const key of Object.keys(ANNOTATION_VALUE_CHECKS)) assert.ok(ISTIO_ANNOTATIONS[key], key);
    });

    it("passes the values the injector accepts", async () => {
        await assertNoViolations(policy, pods({
            "sidecar.istio.io/interceptionMode": "TPROXY",
            "traffic.sidecar.istio.io/excludeOutboundIPRanges": "10.0.0.0/8,fd00::/8",
            "traffic.sidecar.istio.io/includeOutboundIPRanges": "*",
            "traffic.sidecar.istio.io/excludeInboundPorts": "8080, 9090",
            "traffic.sidecar.istio.io/excludeOutboundPorts": "",
            "traffic.sidecar.istio.io/excludeInterfaces": "eth1,net1",
            "readiness.status.sidecar.istio.io/periodSeconds": "5",
            "prometheus.istio.io/merge-metrics": "False",
            "sidecar.istio.io/proxyCPU": "100m",
            "sidecar.istio.io/proxyMemoryLimit": "1Gi",
            "status.sidecar.istio.io/port": "15020",
        }));
    });

    for (const [key, value] of [
        ["sidecar.istio.io/interceptionMode", "redirect"],
        ["traffic.sidecar.istio.io/excludeOutboundIPRanges", "10.0.0.0/8, 172.16.0.0/12"],
        ["traffic.sidecar.istio.io/includeOutboundIPRanges", "10.0.0.0"],
        ["traffic.sidecar.istio.io/excludeInboundPorts", "8080,http"],
        ["traffic.sidecar.istio.io/includeInboundPorts", "70000"],
        ["traffic.sidecar.istio.io/excludeInterfaces", "eth0,"],
        ["readiness.status.sidecar.istio.io/failureThreshold", "-1"],
        ["prometheus.istio.io/merge-metrics", "yes"],
        ["sidecar.istio.io/proxyMemory", "128MB"],
        ["status.sidecar.istio.io/port", "port"],
    ]) {
        it(`flags ${key}: "${value}"`, async () => {
            const [r] = await assertViolations(policy, pods({ [key]: value }), [{ code: "ISM0612", subject: "Deployment default/myapp" }]);
            assert.ok(r.message.includes(`${key}: "${value}"`), r.message);
        });
    }

    it("leaves a misplaced annotation to platform-annotation-placement", async () => {
        const d = deployment("myapp", "default");
        d.props.metadata.annotations = { "sidecar.istio.io/proxyCPU": "lots" };
        await assertNoViolations(policy, d);
    });
});
