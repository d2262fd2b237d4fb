import { strict as assert } from "assert";
import { MeshEgress, namespaceSidecar, serviceEntry } from "../components/index";
import { ArgsError } from "../components/common/parse-args";
import { parseEnvironment } from "../stacks/load";
import { meshConfigOf } from "../stacks/mesh-config";
import { assertExampleProduces } from "./helpers/golden";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { ofType, runProgram } from "./helpers/mock-program";
import { assertProblem, configProblems } from "./helpers/problems";

const SE = "kubernetes:networking.istio.io/v1:ServiceEntry";

describe("egress builders", () => {
    const httpbin = { namespace: "default", hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" as const };

    it("writes a ServiceEntry in Istio's fields, valid against the CRD", () => {
        const object = serviceEntry("httpbin-ext", { ...httpbin, location: "MESH_EXTERNAL" });
        assert.deepEqual(object.spec, { hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS", location: "MESH_EXTERNAL" });
        assertValidIstioObject(object);
    });

    it("writes a namespace's Sidecar, valid against the CRD", () => {
        const object = namespaceSidecar("shop", { egress: [{ hosts: ["./*", "istio-system/*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });
        assert.deepEqual(object.metadata, { name: "default", namespace: "shop" });
        assertValidIstioObject(object);
    });

    const bad: Array<[string, () => unknown, string]> = [
        ["a DNS-resolved wildcard host", () => serviceEntry("any", { ...httpbin, hosts: ["*.cnn.com"] }), "resolution: a wildcard host cannot be resolved by DNS"],
        ["an unknown protocol", () => serviceEntry("x", { ...httpbin, ports: [{ number: 80, name: "http", protocol: "QUIC" }] }), "ports[0].protocol: expected one of HTTP"],
        ["no ports", () => serviceEntry("x", { ...httpbin, ports: [] }), "ports: expected at least one port"],
        ["a Sidecar host without a namespace", () => namespaceSidecar("shop", { egress: [{ hosts: ["httpbin.org"] }] }), "egress[0].hosts[0]: expected <namespace>/<host>"],
    ];
    for (const [what, build, message] of bad) {
        it(`rejects ${what}, naming the field`, () => {
            assert.throws(build, (err: unknown) => err instanceof ArgsError && err.problems.some((p) => p.startsWith(message)));
        });
    }

    it("the component registers nothing when one entry is bad", () => {
        assert.throws(() => new MeshEgress("egress", { serviceEntries: { ok: httpbin, bad: { ...httpbin, hosts: [] } } }), ArgsError);
    });
});

describe("egress in stack config", () => {
    it("an external host needs a ServiceEntry, wherever a service names it", () => {
        const problems = configProblems({
            profile: "demo",
            services: {
                "httpbin-ext": { namespace: "default", host: "httpbin.org", timeout: "3s" },
                reviews: { namespace: "default", mirror: { host: "shadow.example.com" } },
            },
        });
        assertProblem(problems, "istio-mesh:services.httpbin-ext.host: httpbin.org is an external host (not a Kubernetes service of this stack): declare it in a ServiceEntry");
        assertProblem(problems, "istio-mesh:services.reviews.mirror.host: shadow.example.com is an external host");
    });

    it("a wildcard ServiceEntry host covers its subdomains", () => {
        parseEnvironment({
            profile: "demo",
            egress: { serviceEntries: { cnn: { namespace: "default", hosts: ["*.cnn.com"], ports: [{ number: 443, name: "tls", protocol: "TLS" }], resolution: "NONE" } } },
            services: { cnn: { namespace: "default", host: "edition.cnn.com", timeout: "3s" } },
        });
    });

    it("production refuses hosts outside the registry (REGISTRY_ONLY); demo lets them through", () => {
        const prod = parseEnvironment({ profile: "production" });
        const demo = parseEnvironment({ profile: "demo" });
        assert.deepEqual(meshConfigOf(prod).outboundTrafficPolicy, { mode: "REGISTRY_ONLY" });
        assert.deepEqual(meshConfigOf(demo).outboundTrafficPolicy, { mode: "ALLOW_ANY" });
    });

    it("names the key of a bad egress setting", () => {
        assertProblem(configProblems({ profile: "demo", egress: { outboundTrafficPolicy: "DENY" } }),
            "istio-mesh:egress.outboundTrafficPolicy: expected one of ALLOW_ANY, REGISTRY_ONLY");
    });

    it("the program registers the ServiceEntries and Sidecars, after istiod, and a service on an external host waits for them", async () => {
        const run = await runProgram({
            "istio-mesh:profile": "demo",
            "istio-mesh:egress": {
                serviceEntries: { "httpbin-ext": { namespace: "default", hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" } },
                sidecars: { default: { egress: [{ hosts: ["./*", "istio-system/*", "*/httpbin.org"] }] } },
            },
            "istio-mesh:services": { "httpbin-ext": { namespace: "default", host: "httpbin.org", timeout: "3s" } },
        });
        assert.equal(ofType(run, SE).length, 1);
        assert.equal(ofType(run, "kubernetes:networking.istio.io/v1:Sidecar").length, 1);
        // Pulumi records a dependency on a component as one on each of its resources.
        const rule = run.resources.find((r) => r.name === "httpbin-ext-destinationrule")!;
        assert.ok(rule.dependencies.includes(ofType(run, SE)[0].urn), rule.dependencies.join("\n"));
    });
});

// istio.io, Tasks > Traffic Management > Egress (1.30): each YAML the pages apply, written out here,
// against the stack config README shows for it.
describe("ServiceEntry addresses and endpoints", () => {
    const entry = { namespace: "default", hosts: ["db.example.com"], ports: [{ number: 5432, name: "tcp", protocol: "TCP" }] };
    it("writes addresses and a STATIC entry's endpoints, valid against the CRD", () => {
        const object = serviceEntry("db", { ...entry, addresses: ["10.0.0.10/32"], resolution: "STATIC", endpoints: [{ address: "10.0.0.10", ports: { tcp: 5433 } }] });
        assert.deepEqual(object.spec.endpoints, [{ address: "10.0.0.10", ports: { tcp: 5433 } }]);
        assertValidIstioObject(object);
        assert.equal(serviceEntry("db", entry).spec.resolution, undefined, "NONE is Istio's default, left out");
    });

    for (const [what, args, message] of [
        ["STATIC without endpoints", { ...entry, resolution: "STATIC" }, "endpoints: STATIC needs endpoints"],
        ["endpoints with resolution NONE", { ...entry, endpoints: [{ address: "10.0.0.10" }] }, "endpoints: resolution NONE (the default) takes no endpoints"],
        ["a CIDR with DNS", { ...entry, resolution: "DNS", addresses: ["10.0.0.0/24"] }, "addresses: CIDR addresses need resolution NONE or STATIC"],
    ] as const) {
        it(`refuses ${what}, naming the field`, () => {
            assert.throws(() => serviceEntry("db", args as never), (e: unknown) => e instanceof ArgsError && e.problems.some((p) => p.startsWith(message)));
        });
    }
});

describe("the egress gateway", () => {
    it("is the gateway chart installed once more, in the control plane's namespace, with no namespace of its own", async () => {
        const run = await runProgram({ "istio-mesh:profile": "demo", "istio-mesh:istio": { egressGateway: { enabled: true } } });
        const chart = ofType(run, "kubernetes:helm.sh/v4:Chart").find((c) => c.name === "istio-egressgateway");
        assert.ok(chart);
        assert.deepEqual([chart.inputs.chart, chart.inputs.name, chart.inputs.namespace, chart.inputs.values.service], ["gateway", "istio-egressgateway", "istio-system", { type: "ClusterIP" }]);
        assert.equal(ofType(run, "kubernetes:core/v1:Namespace").find((n) => n.name === "istio-egressgateway-namespace"), undefined);
        assert.ok(chart.dependencies.includes(ofType(run, "kubernetes:helm.sh/v4:Chart").find((c) => c.name === "istio-istiod")!.urn));
    });

    it("gets its own namespace when given one", async () => {
        const run = await runProgram({ "istio-mesh:profile": "demo", "istio-mesh:istio": { egressGateway: { enabled: true, namespace: "istio-egress" } } });
        const ns = ofType(run, "kubernetes:core/v1:Namespace").find((n) => n.name === "istio-egressgateway-namespace");
        assert.equal(ns?.inputs.metadata.name, "istio-egress");
    });

    it("is not installed by default", async () => {
        const run = await runProgram({ "istio-mesh:profile": "production" });
        assert.equal(ofType(run, "kubernetes:helm.sh/v4:Chart").find((c) => c.name === "istio-egressgateway"), undefined);
    });

    it("refuses a Gateway on it when it is not installed, and the ingress gateway's namespace", () => {
        assertProblem(configProblems({ profile: "demo", egress: { gateways: { out: { servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["a.example.com"] }] } } } }),
            "istio-mesh:egress.gateways.out.selector: is needed when this stack installs no egress gateway (istio-mesh:istio.egressGateway.enabled is false)");
        assertProblem(configProblems({ profile: "demo", istio: { egressGateway: { enabled: true, namespace: "istio-ingress" } } }),
            "istio-mesh:istio.egressGateway.namespace: is the ingress gateway's namespace");
    });
});

describe("egress task pages as stack config (README examples)", () => {
    it("Accessing External Services: ServiceEntries for httpbin.org and www.google.com, and a 3s timeout to httpbin.org", async () => {
        await assertExampleProduces("egress-control", [
            { kind: "ServiceEntry", name: "httpbin-ext", spec: {
                hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS", location: "MESH_EXTERNAL" } },
            { kind: "ServiceEntry", name: "google", spec: {
                hosts: ["www.google.com"], ports: [{ number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS", location: "MESH_EXTERNAL" } },
            { kind: "VirtualService", name: "httpbin-ext", spec: {
                hosts: ["httpbin.org"], http: [{ timeout: "3s", route: [{ destination: { host: "httpbin.org" }, weight: 100 }] }] } },
        ]);
    });

    it("Egress TLS Origination: port 80 sent to 443 and TLS originated by the sidecar", async () => {
        await assertExampleProduces("egress-tls-origination", [
            { kind: "ServiceEntry", name: "edition-cnn-com", spec: {
                hosts: ["edition.cnn.com"],
                ports: [{ number: 80, name: "http-port", protocol: "HTTP", targetPort: 443 }, { number: 443, name: "https-port", protocol: "HTTPS" }],
                resolution: "DNS" } },
            { kind: "DestinationRule", name: "edition-cnn-com", spec: {
                host: "edition.cnn.com", trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: "SIMPLE" } }] } } },
        ]);
    });
});
