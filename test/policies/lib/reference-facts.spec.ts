import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { fqdn } from "../../../policies/rules/lib/hosts";
import * as kinds from "../../../policies/rules/lib/kinds";
import { CHART_DEFAULTS } from "../../../policies/rules/platform/control-plane-ha";
import { PROFILE_PROVIDERS } from "../../../policies/rules/telemetry/providers-defined";
import { chartDefaults, ISTIO_REFERENCE, readYaml } from "../../helpers/chart-values";

/** Facts about Istio 1.30.3 that the policies carry, checked against Istio's own files. */
describe("policies lib: Istio facts", () => {
    it("matches Istio kinds in exactly the API versions the 1.30.3 CRDs serve", () => {
        const crds = parseAllDocuments(fs.readFileSync(path.join(ISTIO_REFERENCE, "crds/crd-all.gen.yaml"), "utf8")).map((d) => d.toJS());
        for (const ref of [kinds.VirtualService, kinds.DestinationRule, kinds.PeerAuthentication, kinds.AuthorizationPolicy, kinds.Telemetry]) {
            const crd = crds.find((c) => c?.spec?.group === ref.group && c.spec.names.kind === ref.kind);
            assert.deepEqual([...ref.versions].sort(), crd.spec.versions.filter((v: any) => v.served).map((v: any) => v.name).sort(), ref.kind);
        }
    });

    it("knows the istiod and gateway chart defaults for replicas and PDBs", () => {
        const istiod = chartDefaults(path.join(ISTIO_REFERENCE, "charts/istiod/values.yaml")) as any;
        assert.deepEqual(CHART_DEFAULTS.istiod, {
            autoscaleEnabled: istiod.autoscaleEnabled,
            autoscaleMin: istiod.autoscaleMin,
            replicaCount: istiod.replicaCount,
            podDisruptionBudget: istiod.global.defaultPodDisruptionBudget.enabled,
        });
        const gateway = chartDefaults(path.join(ISTIO_REFERENCE, "charts/gateway/values.yaml")) as any;
        assert.equal(gateway.replicaCount, null, "the gateway chart leaves replicaCount unset: Kubernetes' default of 1");
        assert.deepEqual(CHART_DEFAULTS.gateway, { autoscalingEnabled: gateway.autoscaling.enabled, minReplicas: gateway.autoscaling.minReplicas, replicaCount: 1 });
    });

    it("knows the extension providers each chart profile adds", () => {
        const dir = path.join(ISTIO_REFERENCE, "profiles");
        const fromFiles: Record<string, string[]> = {};
        for (const file of fs.readdirSync(dir)) {
            const providers = (readYaml(path.join(dir, file)) as any)?.meshConfig?.extensionProviders;
            if (providers) fromFiles[file.replace(/^profile-|\.yaml$/g, "")] = providers.map((p: any) => p.name);
        }
        assert.deepEqual(PROFILE_PROVIDERS, fromFiles);
    });

    it("reads short hosts relative to the rule's namespace, like pilot", () => {
        assert.equal(fqdn("myapp", "default"), "myapp.default.svc.cluster.local");
        assert.equal(fqdn("myapp.shop.svc.cluster.local", "default"), "myapp.shop.svc.cluster.local");
        assert.equal(fqdn("myapp.shop", "default"), "myapp.shop");
        assert.equal(fqdn("*", "default"), "*");
    });
});
