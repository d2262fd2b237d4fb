import { kialiAuth as policy } from "../../../../policies/rules/platform/kiali-auth";
import { assertNoViolations, assertViolations, assertWellFormed, chart, fixture } from "../../helpers";

const kiali = (auth: object) => chart("kiali", "kiali-server", "2.26.0", { auth }, "https://kiali.org/helm-charts");
const configMap = (configYaml: string) =>
    fixture("kubernetes:core/v1:ConfigMap", "kiali", { metadata: { name: "kiali", namespace: "istio-system" }, data: { "config.yaml": configYaml } });

describe("policy platform-kiali-auth", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes token auth, the chart default, and other ConfigMaps", async () => {
        await assertNoViolations(policy, kiali({ strategy: "token" }));
        await assertNoViolations(policy, kiali({}));
        await assertNoViolations(policy, configMap("auth:\n  strategy: token\ndeployment:\n  strategy: {}\n"));
    });

    it("flags anonymous in the kiali-server chart values", async () => {
        await assertViolations(policy, kiali({ strategy: "anonymous" }), [{ code: "ISM0603", subject: "Kiali chart kiali" }]);
    });

    it("flags anonymous in a Kiali CR and in the rendered config (as Istio's sample addon does)", async () => {
        const cr = fixture("kubernetes:kiali.io/v1alpha1:Kiali", "kiali", { metadata: { name: "kiali", namespace: "istio-system" }, spec: { auth: { strategy: "anonymous" } } });
        await assertViolations(policy, cr, [{ code: "ISM0603", subject: "Kiali istio-system/kiali" }]);
        await assertViolations(policy, configMap("auth:\n  openid: {}\n  strategy: anonymous\nserver:\n  port: 20001\n"), [{ code: "ISM0603", subject: "ConfigMap istio-system/kiali" }]);
    });

    it("accepts anonymous where the policy config allows it (a local demo cluster), and only there", async () => {
        await assertNoViolations(policy, kiali({ strategy: "anonymous" }), { allowAnonymous: true });
        await assertViolations(policy, kiali({ strategy: "anonymous" }), [{ code: "ISM0603", subject: "Kiali chart kiali" }], { allowAnonymous: false });
    });
});
