import { meshNetworksRegistries as policy } from "../../../../policies/rules/platform/mesh-networks-registries";
import { assertNoViolations, assertViolations, assertWellFormed, chart, fixture } from "../../helpers";

const network = (registry: string) => ({ network1: { endpoints: [{ fromRegistry: registry }], gateways: [{ address: "1.2.3.4", port: 15443 }] } });
const istiod = (global: object) => chart("istio-istiod", "istiod", "1.30.3", { global });
const remoteSecret = (cluster: string) => fixture("kubernetes:core/v1:Secret", `istio-remote-secret-${cluster}`, {
    metadata: { name: `istio-remote-secret-${cluster}`, namespace: "istio-system", labels: { "istio/multiCluster": "true" } },
    stringData: { [cluster]: "kubeconfig" },
});

describe("policy platform-mesh-networks-registries", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes no meshNetworks, the default registry, the local cluster's ID and a remote cluster with its Secret", async () => {
        await assertNoViolations(policy, [istiod({})]);
        await assertNoViolations(policy, [istiod({ meshNetworks: network("Kubernetes") })]);
        await assertNoViolations(policy, [istiod({ meshNetworks: network("cluster1"), multiCluster: { clusterName: "cluster1" } })]);
        await assertNoViolations(policy, [istiod({ meshNetworks: network("cluster2"), multiCluster: { clusterName: "cluster1" } }), remoteSecret("cluster2")]);
    });

    it("flags a registry that is no cluster istiod knows (IST0126), in chart values and in a rendered ConfigMap", async () => {
        await assertViolations(policy, [istiod({ meshNetworks: network("cluster2"), multiCluster: { clusterName: "cluster1" } })],
            [{ code: "ISM0614", subject: "Istio chart istiod (istio-istiod)" }]);
        const configMap = fixture("kubernetes:core/v1:ConfigMap", "istio", { metadata: { name: "istio", namespace: "istio-system" },
            data: { meshNetworks: "networks:\n  network1:\n    endpoints:\n    - fromRegistry: Kubernets\n" } });
        await assertViolations(policy, [configMap], [{ code: "ISM0614", subject: "ConfigMap istio-system/istio" }]);
    });
});
