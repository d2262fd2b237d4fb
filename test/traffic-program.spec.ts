import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { MeshService, serviceFqdn, TrafficArgsError } from "../components/traffic";
import { parseEnvironment } from "../stacks/load";
import { serviceDefaults } from "../stacks/presets";
import { assertProblem, configProblems } from "./helpers/problems";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { environmentOf, named, ofType, ProgramRun, readStackFile, Registered, runProgram, SEED_STACKS, SHIPPED_STACKS, shippedStackRuns } from "./helpers/mock-program";
import { seedObject, skipWithoutSeed } from "./helpers/seed";

const VS = "kubernetes:networking.istio.io/v1:VirtualService";
const DR = "kubernetes:networking.istio.io/v1:DestinationRule";
// The program registers every service's rules under one component (not a MeshService each).
const SERVICES = "istio-mesh:traffic:MeshServices";

// The services' rules (prod also has the ingress Gateway).
function istioObjects(run: ProgramRun): Registered[] {
    return run.resources.filter((r) => r.type === VS || r.type === DR);
}

const myapp = {
    namespace: "default",
    versions: { v1: { version: "v1" }, v2: { version: "v2" } },
    canary: { weights: { v1: 90, v2: 10 } },
};

const HTTPBIN_ENTRY = { namespace: "default", hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" };

describe("traffic management in the program", () => {
    const runs = shippedStackRuns();

    for (const stack of SHIPPED_STACKS) {
        describe(`stack ${stack}`, () => {
            const run = () => runs[stack];

            it("registers exactly one VirtualService and one DestinationRule per configured service, for its FQDN host", () => {
                const configured = environmentOf(stack).services;
                const services = Object.keys(configured).sort();
                assert.deepEqual(ofType(run(), SERVICES).map((s) => s.name), ["services"]);
                assert.deepEqual(ofType(run(), "istio-mesh:traffic:MeshService"), []);
                const component = named(run(), "services", SERVICES);
                const expectedHosts: string[] = [];
                for (const name of services) {
                    const { namespace, exportTo } = configured[name];
                    const children = istioObjects(run()).filter((r) => r.parent === component.urn && r.name.startsWith(`${name}-`));
                    assert.deepEqual(children.map((c) => c.type).sort(), [DR, VS]);
                    const host = serviceFqdn(configured[name].host ?? name, namespace);
                    expectedHosts.push(host);
                    for (const c of children) {
                        assert.equal(c.inputs.apiVersion, "networking.istio.io/v1");
                        assert.deepEqual(c.inputs.metadata, { name, namespace });
                        // prod serves myapp at the ingress gateway too, whose namespace must see the rules.
                        const exported = exportTo ?? (stack === "prod" && name === "myapp" ? [".", "istio-ingress"] : ["."]);
                        assert.deepEqual(c.inputs.spec.exportTo, exported, "rules stay in their namespace unless a gateway needs them");
                    }
                    const edge = stack === "prod" && name === "myapp";
                    assert.deepEqual(named(run(), `${name}-virtualservice`, VS).inputs.spec.hosts, edge ? [host, "myapp.example.com"] : [host]);
                    assert.equal(named(run(), `${name}-destinationrule`, DR).inputs.spec.host, host);
                }
                assert.equal(istioObjects(run()).length, 2 * services.length);
                assert.deepEqual(run().outputs.serviceHosts, expectedHosts.sort());
            });

            it("every VirtualService and DestinationRule validates against Istio 1.30.3's CRDs", () => {
                const objects = istioObjects(run());
                assert.equal(objects.length, 2 * Object.keys(environmentOf(stack).services).length);
                for (const o of objects) {
                    const { apiVersion, kind, metadata, spec } = o.inputs;
                    assertValidIstioObject({ apiVersion, kind, metadata, spec });
                }
            });

            it("creates subsets before routes (VirtualService after DestinationRule), all after istiod", () => {
                for (const name of Object.keys(environmentOf(stack).services)) {
                    const dr = named(run(), `${name}-destinationrule`, DR);
                    const vs = named(run(), `${name}-virtualservice`, VS);
                    assert.ok(vs.dependencies.includes(dr.urn), `${name}: VirtualService depends on DestinationRule`);
                    assert.ok(dr.dependencies.includes(named(run(), "istio-istiod").urn), `${name}: DestinationRule waits for istiod`);
                }
            });

            it("never writes TLS settings (auto mTLS decides)", () => {
                for (const dr of ofType(run(), DR)) assert.equal(dr.inputs.spec.trafficPolicy?.tls, undefined, dr.name);
            });
        });
    }

    for (const stack of SEED_STACKS) {
        describe(`stack ${stack}: the seed's services`, () => {
            const run = () => runs[stack];

            it("routes myapp like the seed: beta testers to v2, then 90/10, with timeout and retries", () => {
                const http = named(run(), "myapp-virtualservice", VS).inputs.spec.http;
                const host = "myapp.default.svc.cluster.local";
                assert.deepEqual(http.map((r: { match?: unknown }) => r.match), [[{ headers: { "x-user-type": { exact: "beta-tester" } } }], undefined]);
                assert.deepEqual(http[0].route, [{ destination: { host, subset: "v2" } }]);
                assert.deepEqual(http[1].route, [
                    { destination: { host, subset: "v1" }, weight: 90 },
                    { destination: { host, subset: "v2" }, weight: 10 },
                ]);
                for (const r of http) {
                    assert.equal(r.timeout, "10s");
                    assert.deepEqual(r.retries, { attempts: 3, perTryTimeout: "3s", retryOn: "5xx,reset,connect-failure" });
                }
            });

            it("gives orders the seed's connection pool and outlier detection", function () {
                skipWithoutSeed(this);
                const orders = named(run(), "orders-destinationrule", DR).inputs.spec;
                assert.deepEqual(orders.trafficPolicy, seedObject("Circuit Breaker", "DestinationRule").spec.trafficPolicy);
            });
        });
    }

    it("the demo profile adds no circuit breaker of its own (dev's file sets production's outlierDetection); prod gives myapp the production preset's", () => {
        assert.deepEqual(serviceDefaults.demo, {});
        assert.deepEqual(named(runs.dev, "myapp-destinationrule", DR).inputs.spec.trafficPolicy, { outlierDetection: (serviceDefaults.production.trafficPolicy as { outlierDetection: unknown }).outlierDetection });
        assert.deepEqual(named(runs.prod, "myapp-destinationrule", DR).inputs.spec.trafficPolicy, serviceDefaults.production.trafficPolicy);
    });

    it("makes a service wait for its namespace when the stack creates it", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:namespaces": { shop: {} },
            "istio-mesh:services": { cart: { namespace: "shop", exportTo: [".", "frontend"] } },
        });
        const rule = named(run, "cart-destinationrule", DR);
        assert.ok(rule.dependencies.includes(named(run, "shop", "kubernetes:core/v1:Namespace").urn));
        const vs = named(run, "cart-virtualservice", VS);
        assert.deepEqual(vs.inputs.spec, {
            hosts: ["cart.shop.svc.cluster.local"],
            exportTo: [".", "frontend"],
            http: [{ route: [{ destination: { host: "cart.shop.svc.cluster.local" } }] }],
        });
    });

    it("puts the DestinationRule in destinationRule.namespace, exported there only and waiting for that namespace; exportTo stays the VirtualService's", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:namespaces": { shop: {}, edge: {} },
            "istio-mesh:services": { cart: { namespace: "shop", exportTo: [".", "frontend"], destinationRule: { namespace: "edge" },
                trafficPolicy: { tls: { mode: "SIMPLE" } } } },
        });
        const rule = named(run, "cart-destinationrule", DR);
        assert.deepEqual(rule.inputs.metadata, { name: "cart", namespace: "edge" });
        assert.deepEqual(rule.inputs.spec, { host: "cart.shop.svc.cluster.local", exportTo: ["."], trafficPolicy: { tls: { mode: "SIMPLE" } } });
        for (const ns of ["shop", "edge"]) assert.ok(rule.dependencies.includes(named(run, ns, "kubernetes:core/v1:Namespace").urn), ns);
        const vs = named(run, "cart-virtualservice", VS);
        assert.deepEqual(vs.inputs.metadata, { name: "cart", namespace: "shop" });
        assert.deepEqual(vs.inputs.spec.exportTo, [".", "frontend"]);
        assert.ok(vs.dependencies.includes(rule.urn), "the VirtualService still waits for its DestinationRule");
    });

    it("lets two services of one Kubernetes name live in two namespaces under distinct Pulumi names", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:services": {
                "team-a-api": { name: "api", namespace: "team-a", timeout: "2s" },
                "team-b-api": { name: "api", namespace: "team-b", timeout: "3s" },
            },
        });
        for (const [key, namespace] of [["team-a-api", "team-a"], ["team-b-api", "team-b"]]) {
            const vs = named(run, `${key}-virtualservice`, VS);
            const dr = named(run, `${key}-destinationrule`, DR);
            assert.deepEqual(vs.inputs.metadata, { name: "api", namespace });
            assert.deepEqual(dr.inputs.metadata, { name: "api", namespace });
            assert.deepEqual(vs.inputs.spec.hosts, [`api.${namespace}.svc.cluster.local`]);
        }
        assert.equal(new Set(istioObjects(run).map((r) => r.urn)).size, 4, "four distinct URNs");
        assert.deepEqual(run.outputs.serviceHosts, ["api.team-a.svc.cluster.local", "api.team-b.svc.cluster.local"]);
    });

    it("refuses two services whose Kubernetes names give one host", () => {
        assertProblem(configProblems({
            profile: "demo",
            services: { "team-a-api": { name: "api", namespace: "team-a" }, "api": { namespace: "team-a" } },
        }), "istio-mesh:services.api: host api.team-a.svc.cluster.local already belongs to service team-a-api");
    });

    it("writes a host of another namespace as its FQDN, with the rules in the service's own namespace", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            // shop is neither labelled nor home to a service here: the service declares it.
            "istio-mesh:services": { "shop-orders": { namespace: "frontend", host: "orders.shop", meshNamespaces: ["shop"], timeout: "2s" } },
        });
        const vs = named(run, "shop-orders-virtualservice", VS);
        assert.deepEqual(vs.inputs.metadata, { name: "shop-orders", namespace: "frontend" });
        assert.deepEqual(vs.inputs.spec.hosts, ["orders.shop.svc.cluster.local"]);
        assert.equal(named(run, "shop-orders-destinationrule", DR).inputs.spec.host, "orders.shop.svc.cluster.local");
    });

    it("keeps an external host as written (httpbin.org is not httpbin.org.svc.cluster.local)", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:egress": { serviceEntries: { httpbin: HTTPBIN_ENTRY } },
            "istio-mesh:services": { "httpbin-ext": { namespace: "default", host: "httpbin.org", timeout: "3s" } },
        });
        assert.deepEqual(named(run, "httpbin-ext-virtualservice", VS).inputs.spec, {
            hosts: ["httpbin.org"],
            exportTo: ["."],
            http: [{ route: [{ destination: { host: "httpbin.org" } }], timeout: "3s" }],
        });
        assert.equal(named(run, "httpbin-ext-destinationrule", DR).inputs.spec.host, "httpbin.org");
    });

    it("writes route and mirror destinations as FQDNs seen from the service's namespace, external hosts as written", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:egress": { serviceEntries: { httpbin: HTTPBIN_ENTRY } },
            "istio-mesh:services": { reviews: { namespace: "shop", routes: [
                { match: [{ uri: { prefix: "/ratings" } }], route: [{ destination: { host: "ratings", port: { number: 9080 } } }], mirror: { host: "httpbin.org" } },
            ] } },
        });
        const [route] = named(run, "reviews-virtualservice", VS).inputs.spec.http;
        assert.deepEqual(route.route, [{ destination: { host: "ratings.shop.svc.cluster.local", port: { number: 9080 } } }]);
        assert.deepEqual(route.mirror, { host: "httpbin.org" });
    });

    it("reads name.namespace as a service when the stack knows the namespace", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:namespaces": { shop: {} },
            "istio-mesh:services": { "shop-orders": { namespace: "frontend", host: "orders.shop" } },
        });
        assert.deepEqual(named(run, "shop-orders-virtualservice", VS).inputs.spec.hosts, ["orders.shop.svc.cluster.local"]);
    });

    it("the component itself rejects bad arguments, naming the service and field", () => {
        const bad = { namespace: "shop", versions: { v1: { version: "v1" } }, canary: { weights: { v1: 50 } } };
        assert.throws(() => new MeshService("cart", bad), (err: unknown) =>
            err instanceof TrafficArgsError && err.problems.some((p) => p.startsWith("canary.weights: weights must add up to 100, they add up to 50")));
    });

    it("logs a warning (and still deploys) when retries cannot fit in the timeout", async () => {
        const warnings: string[] = [];
        const original = pulumi.log.warn;
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (msg: string) => { warnings.push(msg); return Promise.resolve(); };
        try {
            const run = await runProgram({
                "istio-mesh:profile": "demo",
                "istio-mesh:services": { slow: { namespace: "default", timeout: "5s", retries: { attempts: 3, perTryTimeout: "2s" } } },
            });
            assert.equal(ofType(run, VS).length, 1);
        } finally {
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
        }
        assert.deepEqual(warnings.filter((w) => w.includes("slow")).length, 1, warnings.join("\n"));
        assert.match(warnings.find((w) => w.includes("slow")) ?? "", /retries\.attempts x retries\.perTryTimeout \(3 x 2s = 6000ms\) exceeds timeout 5s/);
    });

    describe("stack config errors name the key", () => {
        const bad: Array<[string, Record<string, unknown>, string]> = [
            ["weights adding up to 99", { myapp: { ...myapp, canary: { weights: { v1: 90, v2: 9 } } } },
                `istio-mesh:services.myapp.canary.weights: weights must add up to 100, they add up to 99, got {"v1":90,"v2":9}`],
            ["weights adding up to 101", { myapp: { ...myapp, canary: { weights: { v1: 91, v2: 10 } } } },
                "istio-mesh:services.myapp.canary.weights: weights must add up to 100, they add up to 101"],
            ["a negative weight", { myapp: { ...myapp, canary: { weights: { v1: 110, v2: -10 } } } },
                "istio-mesh:services.myapp.canary.weights.v2: expected a weight from 0 to 100, got -10"],
            ["a header route to an unknown version",
                { myapp: { ...myapp, routes: [{ match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], subset: "v3" }] } },
                `istio-mesh:services.myapp.routes[0].subset: is not a declared version (declared: v1, v2), got "v3"`],
            ["perTryTimeout: \"3 seconds\"", { myapp: { ...myapp, retries: { attempts: 3, perTryTimeout: "3 seconds" } } },
                `istio-mesh:services.myapp.retries.perTryTimeout: expected a duration such as 250ms, 10s, 1m or 1h`],
            ["retryOn: \"5xx,explode\"", { myapp: { ...myapp, retries: { attempts: 3, retryOn: "5xx,explode" } } },
                `istio-mesh:services.myapp.retries.retryOn: unknown retry condition "explode"`],
            ["maxEjectionPercent: 150", { orders: { namespace: "default", trafficPolicy: { outlierDetection: { maxEjectionPercent: 150 } } } },
                "istio-mesh:services.orders.trafficPolicy.outlierDetection.maxEjectionPercent: expected a percentage from 0 to 100, got 150"],
            ["removing a version that a route still uses", { myapp: { ...myapp, versions: { v1: { version: "v1" } } } },
                "istio-mesh:services.myapp.canary.weights.v2: is not a declared version (declared: v1)"],
            ["a service without a namespace", { myapp: { canary: undefined } },
                "istio-mesh:services.myapp.namespace: is required (expected string)"],
            ["exportTo naming the own namespace next to \".\"", { myapp: { ...myapp, exportTo: [".", "default"] } },
                `istio-mesh:services.myapp.exportTo: lists the service's own namespace twice`],
            ["a DestinationRule placed in the service's own namespace", { myapp: { ...myapp, destinationRule: { namespace: "default" } } },
                "istio-mesh:services.myapp.destinationRule.namespace: is the service's own namespace, where the DestinationRule lives anyway: leave destinationRule out"],
            ["a DestinationRule namespace that is no DNS label", { myapp: { ...myapp, destinationRule: { namespace: "Istio_System" } } },
                "istio-mesh:services.myapp.destinationRule.namespace: expected a DNS label"],
            ["a misspelt key below destinationRule", { myapp: { ...myapp, destinationRule: { namespace: "istio-system", name: "x" } } },
                "istio-mesh:services.myapp.destinationRule.name: unknown key; allowed here: namespace"],
            ["a misspelt key", { myapp: { ...myapp, retires: {} } },
                "istio-mesh:services.myapp.retires: unknown key; allowed here: name, namespace, host, meshNamespaces, destinationRule, hosts, gateways, exportTo"],
            ["two services for one host", { orders: { namespace: "default" }, "orders-canary": { namespace: "default", host: "orders" } },
                "istio-mesh:services.orders-canary: host orders.default.svc.cluster.local already belongs to service orders"],
            ["two services for one host written as an FQDN from another namespace",
                { orders: { namespace: "default" }, "orders-canary": { namespace: "shop", host: "orders.default.svc.cluster.local" } },
                "istio-mesh:services.orders-canary: host orders.default.svc.cluster.local already belongs to service orders"],
            ["a wildcard host", { any: { namespace: "default", host: "*" } },
                `istio-mesh:services.any.host: expected a host: a Kubernetes service`],
            ["two services for one external host", { cnn: { namespace: "default", host: "edition.cnn.com" }, cnn2: { namespace: "shop", host: "edition.cnn.com" } },
                "istio-mesh:services.cnn2: host edition.cnn.com already belongs to service cnn"],
        ];
        for (const profile of ["demo", "production"]) {
            for (const [what, services, message] of bad) {
                it(`${profile}: rejects ${what}`, () => {
                    assertProblem(configProblems({ profile, services: JSON.parse(JSON.stringify(services)) }), message);
                });
            }
        }

        it("a refused host is one problem among the others, not a crash", () => {
            const problems = configProblems({
                profile: "production",
                services: { any: { namespace: "default", host: "*" }, cnn: { namespace: "default", host: "edition cnn" }, myapp: { ...myapp, retires: {} } },
            });
            assertProblem(problems, "istio-mesh:services.any.host: expected a host");
            assertProblem(problems, "istio-mesh:services.cnn.host: expected a host");
            assertProblem(problems, "istio-mesh:services.myapp.retires: unknown key");
        });

        it("a service can override the production preset value by value", () => {
            const env = parseEnvironment({
                profile: "production",
                services: { orders: { namespace: "default", trafficPolicy: { outlierDetection: { maxEjectionPercent: 20 } } } },
            });
            const policy = env.services.orders.trafficPolicy;
            assert.equal(policy?.outlierDetection?.maxEjectionPercent, 20);
            assert.equal(policy?.outlierDetection?.consecutive5xxErrors, 5, "the rest of the preset stays");
            assert.deepEqual(policy?.connectionPool, (serviceDefaults.production.trafficPolicy as { connectionPool: unknown }).connectionPool);
        });

        it("the shipped stack files declare the seed's services", () => {
            for (const stack of ["dev", "prod"]) {
                const services = readStackFile(stack)["istio-mesh:services"] as Record<string, unknown>;
                assert.deepEqual(Object.keys(services).sort(), ["myapp", "orders"], stack);
            }
        });
    });
});
