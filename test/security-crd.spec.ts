import { strict as assert } from "assert";
import fc from "fast-check";
import { authorizationPolicy, AuthorizationPolicyArgs } from "../components/security/authorization-policy";
import { HTTP_METHODS } from "../components/security/match";
import { defaultPeerAuthentication, workloadPeerAuthentication } from "../components/security/peer-authentication";
import { assertValidIstioObject, validateIstioObject } from "./helpers/istio-crd-validator";
import { ProgramRun, readStackFile, runProgram, runStack } from "./helpers/mock-program";

// Istio objects are registered as CustomResources whose type names an istio.io group.
function istioObjects(run: ProgramRun) {
    return run.resources.filter((r) => r.custom && /^kubernetes:[a-z.]+\.istio\.io\//.test(r.type)).map((r) => r.inputs);
}

const everyField = {
    "istio-mesh:profile": "production",
    "istio-mesh:namespaces": { shop: {}, legacy: {} },
    "istio-mesh:security": {
        trustDomain: "shop.example.com",
        mtls: {
            namespaces: { legacy: { mode: "PERMISSIVE" } },
            workloads: {
                "db-strict": { namespace: "shop", selector: { matchLabels: { app: "db" } }, mode: "STRICT" },
                "orders-metrics": {
                    namespace: "shop",
                    selector: { matchLabels: { app: "orders", version: "v1" } },
                    mode: "STRICT",
                    portLevelMtls: {
                        9102: { mode: "DISABLE", reason: "scraped by a Prometheus outside the mesh" },
                        15020: { mode: "PERMISSIVE", reason: "merged metrics port during migration" },
                    },
                },
            },
        },
        authorization: {
            policies: {
                "orders-read": {
                    namespace: "shop",
                    selector: { matchLabels: { app: "orders" } },
                    rules: [
                        { callers: [{ serviceAccount: "api-gateway" }, { serviceAccount: "batch", namespace: "legacy" }], to: [{ operation: { methods: ["GET", "HEAD"], paths: ["/orders/*", "/orders/{*}/items"], ports: [8080] } }] },
                        { from: [{ source: { namespaces: ["legacy"], notPrincipals: ["*/sa/untrusted"] } }], to: [{ operation: { notPaths: ["/admin/*"], notMethods: ["DELETE"] } }] },
                    ],
                },
                "orders-deny": {
                    namespace: "shop", selector: { matchLabels: { app: "orders" } }, action: "DENY",
                    rules: [{ from: [{ source: { notNamespaces: ["shop", "legacy"] } }], to: [{ operation: { notPorts: ["8080"] } }] }],
                },
                "orders-audit": {
                    namespace: "shop", selector: { matchLabels: { app: "orders" } }, action: "AUDIT",
                    rules: [{ to: [{ operation: { paths: ["*.json"] } }] }],
                },
            },
        },
    },
};

describe("security objects against Istio 1.30.3's CRDs", () => {
    const runs: Array<[string, () => Promise<ProgramRun>]> = [
        ["dev", () => runStack("dev")],
        ["prod", () => runStack("prod")],
        ["demo with deny by default", () => runProgram({ ...readStackFile("dev"), "istio-mesh:security": { authorization: { denyByDefault: true } } })],
        ["every security field in use", () => runProgram(everyField)],
    ];
    for (const [label, start] of runs) {
        it(`${label}: every Istio object validates (schema, unknown fields, CEL rules)`, async () => {
            const objects = istioObjects(await start());
            assert.ok(objects.length > 0);
            for (const o of objects) assertValidIstioObject(o);
        });
    }

    it("the check fails on what the builders refuse to write", () => {
        const portsWithoutSelector = { ...defaultPeerAuthentication("shop", "STRICT"), spec: { portLevelMtls: { 9102: { mode: "DISABLE" } } } };
        assert.ok(validateIstioObject(portsWithoutSelector).length > 0);
        const typo = { ...defaultPeerAuthentication("shop", "STRICT"), spec: { mtls: { mode: "STRICTER" } } };
        assert.ok(validateIstioObject(typo).length > 0);
    });

    it("any policy the builders accept validates", () => {
        const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
        const operation = fc.record({
            methods: fc.subarray([...HTTP_METHODS], { minLength: 1 }),
            paths: fc.array(label.map((s) => `/${s}/*`), { minLength: 1, maxLength: 3 }),
            ports: fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 2 }),
        }, { requiredKeys: [] }).filter((o) => Object.keys(o).length > 0);
        const rule = fc.record({
            callers: fc.array(fc.record({ serviceAccount: label, namespace: label }, { requiredKeys: ["serviceAccount"] }), { minLength: 1, maxLength: 3 }),
            to: fc.array(operation.map((o) => ({ operation: o })), { minLength: 1, maxLength: 2 }),
        }, { requiredKeys: [] }).filter((r) => Object.keys(r).length > 0);
        const args = fc.record({
            namespace: label,
            selector: fc.dictionary(label, label, { minKeys: 1, maxKeys: 3 }).map((matchLabels) => ({ matchLabels })),
            action: fc.constantFrom("ALLOW", "DENY", "AUDIT"),
            rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
        });
        fc.assert(fc.property(label, args, (name, a) => {
            assertValidIstioObject(authorizationPolicy(name, a as AuthorizationPolicyArgs));
        }), { numRuns: 50 });
        fc.assert(fc.property(label, label, fc.dictionary(fc.integer({ min: 1, max: 65535 }).map(String), fc.constantFrom("STRICT", "PERMISSIVE", "DISABLE"), { minKeys: 1, maxKeys: 3 }), (name, app, ports) => {
            const portLevelMtls = Object.fromEntries(Object.entries(ports).map(([p, mode]) => [p, { mode, reason: "test" }]));
            assertValidIstioObject(workloadPeerAuthentication(name, { namespace: "shop", selector: { matchLabels: { app } }, portLevelMtls }));
        }), { numRuns: 50 });
    });
});
