import { applicationUid as policy } from "../../../../policies/rules/workload/application-uid";
import { assertNoViolations, assertNotApplicable, assertViolations, assertWellFormed, deployment, fixture } from "../../helpers";

const runningAs = (podUid?: number, containerUid?: number, labels: object = {}) => {
    const d = deployment("reports", "default");
    Object.assign(d.props.metadata, { labels });
    if (podUid !== undefined) d.props.spec.template.spec.securityContext = { runAsUser: podUid };
    if (containerUid !== undefined) d.props.spec.template.spec.containers[0].securityContext = { runAsUser: containerUid };
    return d;
};

describe("policy workload-application-uid", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes other UIDs, the istio-proxy container, and Istio's own control plane", async () => {
        await assertNoViolations(policy, runningAs(1000, 2000));
        const withProxy = runningAs();
        withProxy.props.spec.template.spec.containers.push({ name: "istio-proxy", image: "auto", securityContext: { runAsUser: 1337 } });
        await assertNoViolations(policy, withProxy);
        await assertNoViolations(policy, runningAs(1337, undefined, { istio: "ingressgateway" }));
    });

    it("flags UID 1337 for the pod and for an application container (IST0144)", async () => {
        await assertViolations(policy, runningAs(1337, 1337), [
            { code: "ISM0504", subject: "Deployment default/reports" },
            { code: "ISM0504", subject: "Deployment default/reports" },
        ]);
    });

    it("does not apply to objects without a pod template", async () => {
        await assertNotApplicable(policy, fixture("kubernetes:core/v1:Service", "default-reports", { metadata: { name: "reports" } }), /pod template/);
    });
});
