import { strict as assert } from "assert";
import { benchStackConfig } from "../bench/stack-config";
import { named, ofType, ProgramRun, readStackFile, Registered, runProgram, shippedStackRuns } from "./helpers/mock-program";

const AUTHZ = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const PEER = "kubernetes:security.istio.io/v1:PeerAuthentication";
const CHART = "kubernetes:helm.sh/v4:Chart";

/** Every URN `resource` waits for, directly or through what it waits for. */
function waitsFor(run: ProgramRun, resource: Registered): Set<string> {
    const seen = new Set<string>();
    const visit = (urn: string) => {
        if (seen.has(urn)) return;
        seen.add(urn);
        run.resources.find((r) => r.urn === urn)?.dependencies.forEach(visit);
    };
    resource.dependencies.forEach(visit);
    return seen;
}

function chart(run: ProgramRun, chartName: string): Registered {
    const found = ofType(run, CHART).find((c) => c.inputs.chart === chartName);
    assert.ok(found, `chart ${chartName} is registered`);
    return found;
}

function objects(run: ProgramRun, type: string) {
    return ofType(run, type).map((r) => r.inputs);
}

describe("security under mocks", () => {
    const runs = shippedStackRuns();

    describe("deny by default", () => {
        it("prod gives every injected namespace an allow-nothing policy", () => {
            const namespaces = Object.keys(readStackFile("prod")["istio-mesh:namespaces"] as object);
            const allowNothing = objects(runs.prod, AUTHZ).filter((p) => p.metadata.name === "allow-nothing");
            assert.deepEqual(allowNothing.map((p) => p.metadata.namespace).sort(), namespaces.sort());
            for (const p of allowNothing) assert.deepEqual(p.spec, {});
        });

        it("dev has none; a demo stack can turn it on and a production stack off", async () => {
            assert.deepEqual(objects(runs.dev, AUTHZ).filter((p) => p.metadata.name === "allow-nothing"), []);
            const on = await runProgram({
                "istio-mesh:profile": "demo",
                "istio-mesh:namespaces": { shop: {}, payments: {} },
                "istio-mesh:security": { authorization: { denyByDefault: true } },
            });
            assert.deepEqual(objects(on, AUTHZ).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort(),
                ["payments/allow-nothing", "shop/allow-nothing"]);
            const off = await runProgram({ ...readStackFile("prod"), "istio-mesh:security": { authorization: { denyByDefault: false } } });
            assert.deepEqual(objects(off, AUTHZ), []);
        });
    });

    describe("ordering", () => {
        for (const stack of ["dev", "prod"]) {
            it(`${stack}: every security object waits for istiod, and one in the stack's namespace for its label`, () => {
                const run = stack === "dev" ? runs.dev : runs.prod;
                const istiod = chart(run, "istiod").urn;
                const label = named(run, "default", "kubernetes:core/v1:NamespacePatch").urn;
                const policies = [...ofType(run, AUTHZ), ...ofType(run, PEER)];
                assert.ok(policies.filter((p) => p.inputs.metadata.namespace === "default").length >= 1);
                for (const p of policies) {
                    const deps = waitsFor(run, p);
                    assert.ok(deps.has(istiod), `${p.name} waits for istiod`);
                    assert.equal(deps.has(label), p.inputs.metadata.namespace === "default", `${p.name} waits for the namespace label if it lives there`);
                }
            });
        }

        it("each policy waits for its own namespace only, so dependencies grow with policies, not policies times namespaces", async () => {
            const run = await runProgram(benchStackConfig(60, "production"));
            const namespaces = ofType(run, "kubernetes:core/v1:Namespace").filter((n) => n.name.startsWith("team-"));
            assert.equal(namespaces.length, 3);
            const policies = ofType(run, AUTHZ);
            assert.equal(policies.length, 60 + 3);
            for (const p of policies) {
                const own = namespaces.filter((n) => p.dependencies.includes(n.urn)).map((n) => n.inputs.metadata.name);
                assert.deepEqual(own, [p.inputs.metadata.namespace], `${p.name} waits for its namespace and no other`);
                assert.ok(p.dependencies.length <= 3, `${p.name}: istiod, the gateway and its namespace (${p.dependencies.length})`);
            }
        });
    });

    describe("mTLS", () => {
        it("dev ends STRICT mesh-wide although the demo preset starts PERMISSIVE", async () => {
            assert.deepEqual(objects(runs.dev, PEER).map((p) => p.spec.mtls.mode), ["STRICT"]);
            const demo = await runProgram({ "istio-mesh:profile": "demo" });
            assert.deepEqual(objects(demo, PEER), [{
                apiVersion: "security.istio.io/v1", kind: "PeerAuthentication",
                metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "PERMISSIVE" } },
            }]);
        });

        it("puts the mesh-wide policy in the control plane namespace and adds namespace and workload overrides", async () => {
            const run = await runProgram({
                "istio-mesh:profile": "production",
                "istio-mesh:istio": { namespace: "mesh-system" },
                "istio-mesh:namespaces": { legacy: {} },
                "istio-mesh:security": {
                    mtls: {
                        namespaces: { legacy: { mode: "PERMISSIVE" } },
                        workloads: {
                            "orders-metrics": {
                                namespace: "legacy",
                                selector: { matchLabels: { app: "orders" } },
                                portLevelMtls: { 9102: { mode: "DISABLE", reason: "scraped from outside the mesh" } },
                            },
                        },
                    },
                },
            });
            const byName = Object.fromEntries(objects(run, PEER).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.spec]));
            assert.deepEqual(byName, {
                "mesh-system/default": { mtls: { mode: "STRICT" } },
                "legacy/default": { mtls: { mode: "PERMISSIVE" } },
                "legacy/orders-metrics": { selector: { matchLabels: { app: "orders" } }, portLevelMtls: { 9102: { mode: "DISABLE" } } },
            });
        });

        it("refuses a namespace override for the root namespace and a policy that takes allow-nothing's name", async () => {
            await assert.rejects(runProgram({ "istio-mesh:profile": "demo", "istio-mesh:security": { mtls: { namespaces: { "istio-system": { mode: "STRICT" } } } } }),
                /istio-mesh:security:MeshMtls "mtls": mtls\.namespaces\.istio-system: the root namespace's mode is the mesh-wide mtls\.mode/);
            await assert.rejects(runProgram({ ...readStackFile("prod"), "istio-mesh:security": { authorization: { policies: {
                "allow-nothing": { namespace: "default", selector: { matchLabels: { app: "a" } }, rules: [{ callers: [{ serviceAccount: "b" }] }] },
            } } } }), /istio-mesh:security:MeshAuthorization "authz": policies\.allow-nothing: the name is taken by the deny-by-default policy of default/);
        });

        it("writes callers with the configured trust domain, which istiod and istio-csr also get", async () => {
            const run = await runProgram({ ...readStackFile("dev"), "istio-mesh:security": {
                ...(readStackFile("dev")["istio-mesh:security"] as object), trustDomain: "shop.example.com", ca: { enabled: true },
            } });
            const [policy] = objects(run, AUTHZ);
            assert.deepEqual(policy.spec.rules[0].from[0].source.principals, ["shop.example.com/ns/default/sa/api-gateway"]);
            assert.equal(chart(run, "istiod").inputs.values.meshConfig.trustDomain, "shop.example.com");
            assert.equal(chart(run, "cert-manager-istio-csr").inputs.values.app.tls.trustDomain, "shop.example.com");
        });
    });

    describe("mesh CA", () => {
        it("prod orders cert-manager, the issuer chain, istio-csr, then istiod", () => {
            const certManager = chart(runs.prod, "cert-manager");
            const selfSigned = named(runs.prod, "istio-ca-issuer-istio-ca-selfsigned");
            const root = named(runs.prod, "istio-ca-certificate-istio-ca");
            const caIssuer = named(runs.prod, "istio-ca-issuer-istio-ca");
            const istioCsr = chart(runs.prod, "cert-manager-istio-csr");
            const istiod = chart(runs.prod, "istiod");
            const chain = [certManager, selfSigned, root, caIssuer, istioCsr, istiod];
            for (let i = 1; i < chain.length; i++) {
                assert.ok(chain[i].dependencies.includes(chain[i - 1].urn), `${chain[i].name} depends on ${chain[i - 1].name}`);
            }
            const istioSystem = named(runs.prod, "istio-istio-system").urn;
            for (const r of [selfSigned, root, caIssuer, istioCsr]) {
                assert.ok(r.dependencies.includes(istioSystem), `${r.name} waits for the istio-system namespace`);
                assert.ok(!waitsFor(runs.prod, r).has(istiod.urn), `${r.name} does not wait for istiod`);
            }
            assert.ok(istioCsr.dependencies.includes(named(runs.prod, "istio-ca-cert-manager", "kubernetes:core/v1:Namespace").urn));
        });

        it("prod's issuer chain is a self-signed root, a CA Certificate and the CA Issuer istio-csr uses", () => {
            const [selfSigned, caIssuer] = objects(runs.prod, "kubernetes:cert-manager.io/v1:Issuer");
            const [root] = objects(runs.prod, "kubernetes:cert-manager.io/v1:Certificate");
            assert.deepEqual(selfSigned.spec, { selfSigned: {} });
            assert.equal(root.spec.isCA, true);
            assert.deepEqual(root.spec.issuerRef, { name: selfSigned.metadata.name, kind: "Issuer", group: "cert-manager.io" });
            assert.deepEqual(caIssuer.spec, { ca: { secretName: root.spec.secretName } });
            for (const o of [selfSigned, caIssuer, root]) assert.equal(o.metadata.namespace, "istio-system");
            assert.deepEqual(chart(runs.prod, "cert-manager-istio-csr").inputs.values.app.certmanager.issuer,
                { name: caIssuer.metadata.name, kind: "Issuer", group: "cert-manager.io" });
        });

        it("prod's istiod uses istio-csr as its CA and runs no CA server", () => {
            const values = chart(runs.prod, "istiod").inputs.values;
            assert.equal(values.global.caAddress, "cert-manager-istio-csr.cert-manager.svc:443");
            assert.deepEqual(values.env, { ENABLE_CA_SERVER: "false" });
            const csr = chart(runs.prod, "cert-manager-istio-csr");
            assert.equal(csr.inputs.name, "cert-manager-istio-csr");
            assert.equal(csr.inputs.namespace, "cert-manager");
            assert.deepEqual(csr.inputs.values.app.tls.certificateDNSNames, ["cert-manager-istio-csr.cert-manager.svc"]);
            assert.deepEqual(csr.inputs.values.app.istio.revisions, ["default", "1-30-3"], "istiod's certificate names the revision's Service");
        });

        it("dev runs istiod's own CA: no cert-manager, no istio-csr, no CA settings", () => {
            assert.equal(ofType(runs.dev, CHART).find((c) => c.inputs.chart === "cert-manager"), undefined);
            assert.equal(ofType(runs.dev, CHART).find((c) => c.inputs.chart === "cert-manager-istio-csr"), undefined);
            const values = chart(runs.dev, "istiod").inputs.values;
            assert.equal(values.global.caAddress, undefined);
            assert.equal(values.env, undefined);
        });

        it("a bring-your-own issuer is referenced, not created, and a pinned root CA is mounted into istio-csr", async () => {
            const run = await runProgram({ ...readStackFile("prod"), "istio-mesh:security": { ca: {
                issuer: { selfSigned: false, name: "vault-intermediate", kind: "ClusterIssuer" },
                rootCA: { secretName: "istio-root-ca" },
            } } });
            assert.deepEqual(ofType(run, "kubernetes:cert-manager.io/v1:Issuer"), []);
            assert.deepEqual(ofType(run, "kubernetes:cert-manager.io/v1:Certificate"), []);
            const csr = chart(run, "cert-manager-istio-csr");
            assert.ok(csr.dependencies.includes(chart(run, "cert-manager").urn));
            assert.ok(chart(run, "istiod").dependencies.includes(csr.urn));
            const values = csr.inputs.values;
            assert.deepEqual(values.app.certmanager.issuer, { name: "vault-intermediate", kind: "ClusterIssuer", group: "cert-manager.io" });
            const [mount] = values.volumeMounts;
            assert.deepEqual(values.volumes, [{ name: mount.name, secret: { secretName: "istio-root-ca" } }]);
            assert.equal(values.app.tls.rootCAFile, `${mount.mountPath}/ca.pem`);
        });
    });
});
