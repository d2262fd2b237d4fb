import { imageAutoInjected as policy } from "../../../../policies/rules/workload/image-auto-injected";
import { assertNoViolations, assertViolations, assertWellFormed, deployment, namespace } from "../../helpers";

const gateway = (ns: string, labels: object = {}) => {
    const d = deployment("edge-gateway", ns, { labels, annotations: { "inject.istio.io/templates": "gateway" } });
    d.props.spec.template.spec.containers = [{ name: "istio-proxy", image: "auto" }];
    return d;
};

describe("policy workload-image-auto-injected", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes image auto in an injected namespace, with the inject or revision pod label, or in a namespace the config names", async () => {
        await assertNoViolations(policy, [namespace("edge", { "istio-injection": "enabled" }), gateway("edge")]);
        await assertNoViolations(policy, gateway("edge", { "sidecar.istio.io/inject": "true" }));
        await assertNoViolations(policy, gateway("edge", { "istio.io/rev": "1-30-3" }));
        await assertNoViolations(policy, gateway("edge"), { namespaces: ["edge"] });
    });

    it("flags image auto that no webhook replaces (IST0146)", async () => {
        await assertViolations(policy, [namespace("edge", {}), gateway("edge")], [{ code: "ISM0505", subject: "Deployment edge/edge-gateway" }]);
    });
});
