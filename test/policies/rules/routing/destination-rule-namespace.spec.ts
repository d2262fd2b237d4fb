import { strict as assert } from "assert";
import { destinationRuleNamespace as policy } from "../../../../policies/rules/routing/destination-rule-namespace";
import { assertNoViolations, assertViolations, assertWellFormed, chart, istio } from "../../helpers";

const NGINX = "my-nginx.mesh-external.svc.cluster.local";
const nginxRule = (namespace: string, extra: object = {}) => istio("DestinationRule", "originate-mtls-for-nginx", namespace, {
    host: NGINX, trafficPolicy: { tls: { mode: "MUTUAL", credentialName: "client-credential" } }, ...extra });
// The egress gateway the stack installs in istio-system (the root namespace).
const egressChart = chart("istio-egressgateway", "gateway", "1.30.3", { service: { type: "ClusterIP" } });
const cnnEntry = istio("ServiceEntry", "cnn", "default", { hosts: ["edition.cnn.com"], ports: [{ number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" });

describe("policy routing-destination-rule-namespace", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes rules exported from the host's namespace or the root namespace, and rules kept to their own namespace", async () => {
        await assertNoViolations(policy, [
            // The egress gateway's mutual TLS origination: in its own (the root) namespace, there only.
            nginxRule("istio-system", { exportTo: ["."] }),
            nginxRule("mesh-external", { exportTo: [".", "default", "istio-system"] }),
            nginxRule("istio-system", { exportTo: ["default", "istio-system"] }),
            // A client-side rule, in the client's namespace and exported there only (by "." or by name).
            nginxRule("default", { exportTo: ["."] }),
            nginxRule("shop", { exportTo: ["shop"] }),
            // The host of a ServiceEntry lives in the ServiceEntry's namespace.
            cnnEntry, istio("DestinationRule", "cnn", "default", { host: "edition.cnn.com", exportTo: [".", "istio-system"] }),
        ]);
    });

    it("does not judge a rule with a workloadSelector, without exportTo, setting nothing, or for an external host the stack declares no ServiceEntry for", async () => {
        await assertNoViolations(policy, [
            nginxRule("default", { exportTo: [".", "istio-system"], workloadSelector: { matchLabels: { app: "curl" } } }),
            nginxRule("default"),
            istio("DestinationRule", "nginx", "default", { host: NGINX, exportTo: [".", "istio-system"] }),
            istio("DestinationRule", "httpbin", "default", { host: "httpbin.org", exportTo: [".", "istio-system"] }),
        ]);
    });

    it("flags a rule exported from a namespace that is neither the host's nor the root namespace, on the rule", async () => {
        const inDefault = nginxRule("default", { exportTo: [".", "istio-system"] });
        const [v] = await assertViolations(policy, inDefault, [{ code: "ISM0327", subject: "DestinationRule default/originate-mtls-for-nginx" }]);
        assert.equal(v.urn, inDefault.urn);
        assert.match(v.message, /exported to istio-system, but proxies there never read it: .* the host's \(mesh-external\) or the root namespace \(istio-system\)/);
        await assertViolations(policy, nginxRule("shop", { exportTo: ["*"] }), [{ code: "ISM0327", subject: "DestinationRule shop/originate-mtls-for-nginx" }]);
        await assertViolations(policy, [cnnEntry, istio("DestinationRule", "cnn", "shop", {
            host: "edition.cnn.com", exportTo: [".", "istio-system"], trafficPolicy: { tls: { mode: "SIMPLE" } } })],
            [{ code: "ISM0327", subject: "DestinationRule shop/cnn" }]);
    });

    it("flags a root-namespace rule exported to \".\" and other namespaces while gateways run there: they no longer read it", async () => {
        await assertViolations(policy, [egressChart, nginxRule("istio-system", { exportTo: [".", "default"] })],
            [{ code: "ISM0328", subject: "DestinationRule istio-system/originate-mtls-for-nginx" }]);
        // The root namespace by name, "." alone, or no gateway there to miss it.
        await assertNoViolations(policy, [egressChart, nginxRule("istio-system", { exportTo: ["istio-system", "default"] }), nginxRule("istio-system", { exportTo: ["."] })]);
        await assertNoViolations(policy, nginxRule("istio-system", { exportTo: [".", "default"] }));
    });

    it("reads a short host in the rule's namespace, and takes the root namespace from its config", async () => {
        await assertNoViolations(policy, istio("DestinationRule", "myapp", "default", { host: "myapp", exportTo: [".", "istio-ingress"] }));
        await assertNoViolations(policy, nginxRule("mesh-root", { exportTo: ["default"] }), { rootNamespace: "mesh-root" });
        await assertViolations(policy, nginxRule("istio-system", { exportTo: ["default"] }), [{ code: "ISM0327", subject: "DestinationRule istio-system/originate-mtls-for-nginx" }],
            { rootNamespace: "mesh-root" });
    });
});
