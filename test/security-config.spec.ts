import { strict as assert } from "assert";
import { parseEnvironment } from "../stacks/load";
import { configProblems as problemsOf } from "./helpers/problems";

const ordersPolicy = (rule: Record<string, unknown>) => ({
    "orders-policy": { namespace: "default", selector: { matchLabels: { app: "orders" } }, rules: [rule] },
});

describe("security stack configuration", () => {
    it("profiles set the defaults: demo PERMISSIVE and open, production STRICT, deny by default, cert-manager CA", () => {
        const demo = parseEnvironment({ profile: "demo" }).security;
        assert.equal(demo.mtls.mode, "PERMISSIVE");
        assert.equal(demo.authorization.denyByDefault, false);
        assert.equal(demo.ca.enabled, false);
        const prod = parseEnvironment({ profile: "production" }).security;
        assert.equal(prod.mtls.mode, "STRICT");
        assert.equal(prod.authorization.denyByDefault, true);
        assert.equal(prod.ca.enabled, true);
        assert.equal(prod.trustDomain, "cluster.local");
        assert.deepEqual(prod.ca.issuer, { selfSigned: true, name: "istio-ca", kind: "Issuer", group: "cert-manager.io" });
    });

    it("a stack overrides the preset key by key", () => {
        const env = parseEnvironment({ profile: "production", security: { authorization: { denyByDefault: false }, ca: { rootCA: { secretName: "istio-root-ca" } } } });
        assert.equal(env.security.authorization.denyByDefault, false);
        assert.equal(env.security.mtls.mode, "STRICT", "the rest of the preset stays");
        assert.deepEqual(env.security.ca.rootCA, { secretName: "istio-root-ca", key: "ca.pem" });
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
        ["a bare service account as principal", { authorization: { policies: ordersPolicy({ from: [{ source: { principals: ["api-gateway"] } }] }) } },
            `istio-mesh:security.authorization.policies.orders-policy.rules[0].from[0].source.principals[0]: expected a SPIFFE principal <trustDomain>/ns/<namespace>/sa/<serviceAccount>`],
        ["a lower-case method", { authorization: { policies: ordersPolicy({ to: [{ operation: { methods: ["get"] } }] }) } },
            `istio-mesh:security.authorization.policies.orders-policy.rules[0].to[0].operation.methods[0]: expected an upper-case HTTP method, one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, got "get"`],
        ["a path without a leading slash", { authorization: { policies: ordersPolicy({ to: [{ operation: { paths: ["orders"] } }] }) } },
            `istio-mesh:security.authorization.policies.orders-policy.rules[0].to[0].operation.paths[0]: expected a path starting with "/"`],
        ["an ALLOW policy without rules", { authorization: { policies: { "orders-policy": { namespace: "default", selector: { matchLabels: { app: "orders" } } } } } },
            "istio-mesh:security.authorization.policies.orders-policy.rules: an ALLOW policy needs at least one rule (use denyByDefault to allow nothing), got nothing"],
        ["an empty ALLOW rule", { authorization: { policies: ordersPolicy({}) } },
            "istio-mesh:security.authorization.policies.orders-policy.rules[0]: an ALLOW rule without callers, from or to matches every request"],
        ["mode STRICTER", { mtls: { mode: "STRICTER" } },
            `istio-mesh:security.mtls.mode: expected one of STRICT, PERMISSIVE, got "STRICTER"`],
        ["a namespace override of mode OFF", { mtls: { namespaces: { legacy: { mode: "OFF" } } } },
            `istio-mesh:security.mtls.namespaces.legacy.mode: expected one of STRICT, PERMISSIVE, DISABLE, got "OFF"`],
        ["a mesh-wide mode DISABLE", { mtls: { mode: "DISABLE" } },
            `istio-mesh:security.mtls.mode: expected one of STRICT, PERMISSIVE, got "DISABLE"`],
        ["a port exemption without a reason", { mtls: { workloads: { metrics: { namespace: "default", selector: { matchLabels: { app: "orders" } }, portLevelMtls: { 9102: { mode: "DISABLE" } } } } } },
            "istio-mesh:security.mtls.workloads.metrics.portLevelMtls.9102.reason: is required"],
        ["a caller typo", { authorization: { policies: ordersPolicy({ callers: [{ serviceaccount: "api-gateway" }] }) } },
            "istio-mesh:security.authorization.policies.orders-policy.rules[0].callers[0].serviceaccount: unknown key; allowed here: serviceAccount, namespace"],
        ["a bad trust domain", { trustDomain: "Cluster Local" },
            `istio-mesh:security.trustDomain: expected a trust domain: a DNS name such as cluster.local, got "Cluster Local"`],
        ["a self-signed ClusterIssuer", { ca: { issuer: { kind: "ClusterIssuer" } } },
            "istio-mesh:security.ca.issuer.kind: a self-signed chain is created as a namespaced Issuer"],
        ["an unpinned cert-manager version", { ca: { certManager: { version: "latest" } } },
            `istio-mesh:security.ca.certManager.version: expected a pinned chart version like v1.21.1, got "latest"`],
    ];
    for (const [what, security, message] of bad) {
        it(`rejects ${what}, naming the key`, () => {
            const problems = problemsOf({ profile: "demo", security });
            assert.ok(problems.some((p) => p.startsWith(message)), `no problem starts with:\n  ${message}\ngot:\n  ${problems.join("\n  ")}`);
        });
    }
});
