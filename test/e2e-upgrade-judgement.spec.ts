import { strict as assert } from "assert";
import { removePath, setPath } from "../e2e/config-path";
import { deleteOrder, upSummary } from "../e2e/preview-output";
import { uninstallOrderProblems } from "../e2e/uninstall-order";
import { touchedObjects, upgradeProblems, UpgradeLive, Webhook } from "../e2e/upgrade-checks";
import { UPGRADE_STEPS } from "../e2e/upgrade-steps";

// The upgrade scenario's verdicts come from these pure judges; each is shown telling a pass from a failure.
describe("e2e upgrade judgement", () => {
    it("sets and removes list items as pulumi config set/rm --path do", () => {
        let c = setPath({}, "istio-mesh:istio.revisions[0].name", "1-29-6");
        c = setPath(c, "istio-mesh:istio.revisions[1].name", "1-30-3");
        assert.deepEqual(c, { "istio-mesh:istio": { revisions: [{ name: "1-29-6" }, { name: "1-30-3" }] } });
        assert.deepEqual(removePath(c, "istio-mesh:istio.revisions[0]"), { "istio-mesh:istio": { revisions: [{ name: "1-30-3" }] } });
        assert.deepEqual(removePath(c, "istio-mesh:istio.revisions"), { "istio-mesh:istio": {} });
    });

    it("reads the counts of an up's summary and the delete order of a destroy", () => {
        assert.deepEqual(upSummary("Resources:\n    + 3 created\n    ~ 2 updated\n    - 1 deleted\n    90 unchanged\n"),
            { created: 3, updated: 2, deleted: 1, replaced: 0 });
        const out = [
            " -  kubernetes:core/v1:NamespacePatch default deleting (0s) ",
            " -  kubernetes:core/v1:NamespacePatch default deleted (1s) ",
            " -  istio-mesh:mesh:MeshNamespace default deleted ",
            "    - 1 deleted",
            " -  kubernetes:apps/v1:Deployment istio-istiod:istio-system/istiod-1-30-3 deleted (2s) ",
        ].join("\n");
        assert.deepEqual(deleteOrder(out), ["kubernetes:core/v1:NamespacePatch::default", "istio-mesh:mesh:MeshNamespace::default",
            "kubernetes:apps/v1:Deployment::istio-istiod:istio-system/istiod-1-30-3"]);
    });

    const ns = "kubernetes:core/v1:NamespacePatch::default";
    const gateway = "kubernetes:apps/v1:Deployment::istio-gateway:istio-ingress/istio-ingressgateway";
    const istiod = "kubernetes:apps/v1:Deployment::istio-istiod:istio-system/istiod-1-30-3";
    const base = "kubernetes:core/v1:ServiceAccount::istio-base:istio-system/istio-reader-service-account";

    it("accepts the uninstall order namespaces, gateway, istiod, base and names what came too late", () => {
        assert.deepEqual(uninstallOrderProblems([ns, gateway, istiod, base], ["default"]), []);
        assert.deepEqual(uninstallOrderProblems([gateway, istiod, ns, base], ["default"]), ["namespaces were still being deleted after istiod had started"]);
        assert.deepEqual(uninstallOrderProblems([ns, gateway, base, istiod], ["default"]), ["istiod were still being deleted after base had started"]);
        assert.deepEqual(uninstallOrderProblems([ns, gateway, istiod], ["default"]), ["nothing of base was deleted"]);
        assert.deepEqual(uninstallOrderProblems(["kubernetes:core/v1:Namespace::istio-istio-system", gateway, istiod, base], ["default"]),
            ["nothing of namespaces was deleted"]);
    });

    const want = UPGRADE_STEPS[1].expect;
    const hook = (name: string, service: string, tag?: string): Webhook => ({
        metadata: { name, labels: tag ? { "istio.io/tag": tag } : {} as Record<string, string> },
        webhooks: [{ name: "rev.namespace.sidecar-injector.istio.io", clientConfig: { service: { name: service } } }],
    });
    const live = (): UpgradeLive => ({
        istiods: ["istiod-1-30-3", "istiod-1-29-6"],
        webhooks: [
            hook("istio-sidecar-injector-1-29-6", "istiod-1-29-6"), hook("istio-sidecar-injector-1-30-3", "istiod-1-30-3"),
            hook("istio-revision-tag-prod-stable", "istiod-1-29-6", "prod-stable"), hook("istio-revision-tag-prod-canary", "istiod-1-30-3", "prod-canary"),
        ],
        namespaces: { default: { "istio.io/rev": "prod-stable" }, canary: { "istio.io/rev": "prod-stable" } },
        gateway: { podLabels: { "istio.io/rev": "1-29-6" }, labels: { "helm.sh/chart": "gateway-1.29.6" } },
        crdCharts: ["base-1.30.3", "base-1.30.3"],
    });

    it("passes a cluster as the step expects it", () => assert.deepEqual(upgradeProblems(want, live()), []));

    it("names a tag on the wrong istiod, a leftover webhook, a second injection label, an old gateway and old CRDs", () => {
        const l = live();
        l.webhooks[2] = hook("istio-revision-tag-prod-stable", "istiod-1-30-3", "prod-stable");
        l.webhooks.push(hook("istio-sidecar-injector-1-28-0", "istiod-1-28-0"));
        l.namespaces.canary["istio-injection"] = "enabled";
        l.gateway.labels["helm.sh/chart"] = "gateway-1.28.0";
        l.crdCharts.push("base-1.29.6");
        assert.deepEqual(upgradeProblems(want, l), [
            "tag prod-stable calls istiod-1-30-3, expected istiod-1-29-6",
            "injection webhooks are istio-sidecar-injector-1-29-6, istio-sidecar-injector-1-30-3, istio-sidecar-injector-1-28-0, expected istio-sidecar-injector-1-29-6, istio-sidecar-injector-1-30-3",
            'namespace canary has labels {"istio.io/rev":"prod-stable","istio-injection":"enabled"}, expected istio.io/rev=prod-stable alone',
            "gateway chart is gateway-1.28.0, expected gateway-1.29.6",
            "Istio CRDs come from base-1.30.3, base-1.29.6, expected base-1.30.3",
        ]);
    });

    it("lists Istio objects that changed, came or went", () => {
        const before = new Map([["VirtualService default/myapp", "10"], ["DestinationRule default/myapp", "11"]]);
        assert.deepEqual(touchedObjects(before, new Map(before)), []);
        const after = new Map([["VirtualService default/myapp", "12"], ["Telemetry istio-system/mesh", "13"]]);
        assert.deepEqual(touchedObjects(before, after), ["DestinationRule default/myapp", "Telemetry istio-system/mesh", "VirtualService default/myapp"]);
    });
});
