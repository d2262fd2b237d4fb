import { strict as assert } from "assert";
import fc from "fast-check";
import { buildTraffic, duplicateHosts, serviceFqdn, TrafficArgsError } from "../components/traffic";
import { hostCovered, resolveHost } from "../components/traffic/hosts";
import { durationMs } from "../components/common/duration";
import { GRPC_RETRY_CONDITIONS, HTTP_RETRY_CONDITIONS, unknownRetryConditions } from "../components/traffic/retry-on";
import { NETWORKING_API_VERSION } from "../components/traffic/mesh-service";
import { assertProblem } from "./helpers/problems";
import { assertValidIstioObject, validateIstioObject } from "./helpers/istio-crd-validator";

const VERSIONS = { v1: { version: "v1" }, v2: { version: "v2" } };
const base = { host: "myapp", versions: VERSIONS, canary: { weights: { v1: 90, v2: 10 } } };

/** The problems of a rejected argument set; fails the test when it is accepted or fails otherwise. */
function problemsOf(service: string, args: unknown): string[] {
    try {
        buildTraffic(service, args);
    } catch (err) {
        assert.ok(err instanceof TrafficArgsError, `expected a TrafficArgsError, got ${String(err)}`);
        assert.ok(err.message.startsWith(`istio-mesh:traffic:MeshService "${service}": `), "the message names the component and service");
        return err.problems;
    }
    assert.fail("arguments were accepted");
}

function istioObject(kind: string, spec: object) {
    return { apiVersion: NETWORKING_API_VERSION, kind, metadata: { name: "svc", namespace: "default" }, spec };
}

describe("traffic builders: bad input", () => {
    const bad: Array<[string, object, string]> = [
        ["weights adding up to 99", { ...base, canary: { weights: { v1: 90, v2: 9 } } },
            "canary.weights: weights must add up to 100, they add up to 99"],
        ["weights adding up to 101", { ...base, canary: { weights: { v1: 90, v2: 11 } } },
            "canary.weights: weights must add up to 100, they add up to 101"],
        ["a negative weight", { ...base, canary: { weights: { v1: 110, v2: -10 } } },
            "canary.weights.v2: expected a weight from 0 to 100, got -10"],
        ["a fractional weight", { ...base, canary: { weights: { v1: 89.5, v2: 10.5 } } },
            "canary.weights.v1: expected a whole-number weight, got 89.5"],
        ["a weight for an undeclared version", { ...base, canary: { weights: { v1: 90, v3: 10 } } },
            "canary.weights.v3: is not a declared version (declared: v1, v2)"],
        ["a header route to an unknown version",
            { ...base, routes: [{ match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], subset: "v3" }] },
            `routes[0].subset: is not a declared version (declared: v1, v2), got "v3"`],
        ["a mirror to an unknown version", { ...base, mirror: { subset: "v9" } },
            `mirror.subset: is not a declared version (declared: v1, v2), got "v9"`],
        ["a mirror percentage without a mirror", { ...base, mirrorPercentage: { value: 10 } },
            "mirrorPercentage: needs mirror"],
        ["perTryTimeout: \"3 seconds\"", { ...base, retries: { attempts: 3, perTryTimeout: "3 seconds" } },
            `retries.perTryTimeout: expected a duration such as 250ms, 10s, 1m or 1h (a number and a unit: h, m, s or ms), got "3 seconds"`],
        ["retryOn: \"5xx,explode\"", { ...base, retries: { attempts: 3, retryOn: "5xx,explode" } },
            `retries.retryOn: unknown retry condition "explode"`],
        ["retryOn with a space", { ...base, retries: { attempts: 3, retryOn: "5xx, reset" } },
            `retries.retryOn: unknown retry condition " reset"`],
        ["maxEjectionPercent: 150", { ...base, trafficPolicy: { outlierDetection: { maxEjectionPercent: 150 } } },
            "trafficPolicy.outlierDetection.maxEjectionPercent: expected a percentage from 0 to 100, got 150"],
        ["a timeout longer than Go can hold", { ...base, timeout: "9999999h" }, `timeout: expected a duration of at most 2562047h, got "9999999h"`],
        ["a timeout below 1ms", { ...base, timeout: "0s" }, `timeout: expected a duration of at least 1ms, got "0s"`],
        ["a subset policy for an undeclared version", { ...base, subsetTrafficPolicy: { v3: { loadBalancer: { simple: "RANDOM" } } } },
            "subsetTrafficPolicy.v3: is not a declared version (declared: v1, v2)"],
        ["a route to an undeclared version of the own host", { ...base, routes: [{ route: [{ destination: { subset: "v3" } }] }] },
            "routes[0].route[0].destination.subset: is not a declared version"],
        ["a route with both a subset and a redirect", { ...base, routes: [{ subset: "v1", redirect: { uri: "/x" } }] },
            "routes[0]: expected exactly one of subset (a version), route (destinations) or redirect"],
        ["route weights adding up to 90", { ...base, routes: [{ route: [{ destination: { subset: "v1" }, weight: 50 }, { destination: { subset: "v2" }, weight: 40 }] }] },
            "routes[0].route: weights must add up to 100, they add up to 90"],
        ["an abort with neither status", { ...base, fault: { abort: { percentage: { value: 10 } } } },
            "fault.abort: expected exactly one of httpStatus or grpcStatus"],
        ["a match on nothing", { ...base, routes: [{ match: [{ ignoreUriCase: true }], subset: "v1" }] },
            "routes[0].match[0]: expected something to match on"],
        ["consistentHash with two keys", { ...base, trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: "x-user", useSourceIp: true } } } },
            "trafficPolicy.loadBalancer.consistentHash: expected exactly one of httpHeaderName"],
        ["MUTUAL TLS without a credential", { ...base, trafficPolicy: { tls: { mode: "MUTUAL" } } },
            "trafficPolicy.tls.credentialName: MUTUAL needs credentialName"],
        ["locality shares adding up to 90", { ...base, trafficPolicy: { loadBalancer: { localityLbSetting: { distribute: [{ from: "us-west/*", to: { "us-west/*": 80, "us-east/*": 10 } }] } } } },
            "trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to: the shares must add up to 100, they add up to 90"],
        ["two versions selecting the same pods", { ...base, versions: { v1: { version: "v1" }, v2: { version: "v1" } } },
            "versions.v2: selects the same pods as version v1"],
        ["an upper-case header name", { ...base, routes: [{ match: [{ headers: { "X-User": { exact: "a" } } }], subset: "v2" }] },
            "routes[0].match[0].headers.X-User: expected a lower-case HTTP header name"],
        ["a string match with two kinds", { ...base, routes: [{ match: [{ uri: { exact: "/a", prefix: "/b" } }], subset: "v2" }] },
            "routes[0].match[0].uri: expected exactly one of exact, prefix or regex"],
        ["a look-ahead regex (not RE2)", { ...base, routes: [{ match: [{ uri: { regex: "/a(?=b)" } }], subset: "v2" }] },
            "routes[0].match[0].uri.regex: RE2 (Envoy's regex engine) has no look-around or back-references"],
        ["retry settings with attempts: 0", { ...base, retries: { attempts: 0, retryOn: "5xx" } },
            "retries: attempts: 0 turns retries off"],
        ["an empty connection pool", { ...base, trafficPolicy: { connectionPool: {} } },
            "trafficPolicy.connectionPool: expected tcp or http settings"],
        ["tls mode PERMISSIVE (a server-side mode)", { ...base, trafficPolicy: { tls: { mode: "PERMISSIVE" } } },
            `trafficPolicy.tls.mode: expected one of ISTIO_MUTUAL, DISABLE, SIMPLE, MUTUAL, got "PERMISSIVE"`],
        ["\"*\" mixed into exportTo", { ...base, exportTo: ["*", "."] },
            `exportTo: "*" (everywhere) cannot be combined with other entries`],
        ["a wildcard host", { ...base, host: "*.example.com" },
            "host: expected a host: a Kubernetes service"],
        ["a misspelt field", { ...base, retires: { attempts: 3 } }, "retires: unknown key; allowed here: host, hosts, gateways, exportTo, versions"],
        ["a TLS match without sniHosts", { ...base, tls: [{ match: [{ port: 443 }], route: [{ destination: { subset: "v1" } }] }] },
            "tls[0].match[0].sniHosts: expected the SNI hosts this match is for: Istio needs sniHosts in every TLS match"],
        ["a TLS route to an undeclared version", { ...base, tls: [{ match: [{ sniHosts: ["a.example.com"] }], route: [{ destination: { subset: "v9" } }] }] },
            "tls[0].route[0].destination.subset: is not a declared version"],
        ["defaultRoute: false without routes", { host: "myapp", defaultRoute: false }, "defaultRoute: false needs routes"],
        ["defaultRoute: false with a canary split", { ...base, routes: [{ match: [{ uri: { prefix: "/a" } }], subset: "v1" }], defaultRoute: false },
            "canary: applies to the default route, which defaultRoute: false leaves out"],
        ["a workloadSelector without labels", { ...base, workloadSelector: { matchLabels: {} } }, "workloadSelector.matchLabels: expected at least one label"],
    ];
    for (const [what, args, message] of bad) {
        it(`rejects ${what}, naming the service and the field`, () => {
            assertProblem(problemsOf("myapp", args), message);
        });
    }

    it("lists every problem at once", () => {
        const problems = problemsOf("myapp", {
            ...base,
            canary: { weights: { v1: 90, v2: 9 } },
            retries: { attempts: 3, perTryTimeout: "3 seconds", retryOn: "5xx,explode" },
            trafficPolicy: { outlierDetection: { maxEjectionPercent: 150 } },
        });
        assert.equal(problems.length, 4, problems.join("\n"));
    });
});

describe("traffic builders: behaviour", () => {
    it("warns, without failing, when attempts x perTryTimeout exceeds the timeout", () => {
        const over = buildTraffic("myapp", { host: "myapp", timeout: "10s", retries: { attempts: 4, perTryTimeout: "3s" } });
        assert.equal(over.warnings.length, 1);
        assert.match(over.warnings[0], /^service "myapp": retries\.attempts x retries\.perTryTimeout \(4 x 3s = 12000ms\) exceeds timeout 10s/);
        const fits = buildTraffic("myapp", { host: "myapp", timeout: "1m", retries: { attempts: 4, perTryTimeout: "15s" } });
        assert.deepEqual(fits.warnings, [], "4 x 15s is exactly 1m");
    });

    it("puts matched routes first and the weighted default route last, with timeout and retries on every route", () => {
        const { virtualService } = buildTraffic("myapp", {
            ...base,
            routes: [
                { name: "beta", match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], subset: "v2" },
                { match: [{ uri: { prefix: "/v2/" } }], subset: "v2" },
            ],
            timeout: "10s",
            retries: { attempts: 2 },
        });
        assert.deepEqual(virtualService.http!.map((r) => r.name ?? (r.match ? "match" : "default")), ["beta", "match", "default"]);
        assert.deepEqual(virtualService.http![1].match, [{ uri: { prefix: "/v2/" } }]);
        for (const r of virtualService.http!) assert.deepEqual([r.timeout, r.retries], ["10s", { attempts: 2 }]);
    });

    it("mirrors a percentage of the default route's traffic to a version", () => {
        const { virtualService } = buildTraffic("myapp", { ...base, mirror: { subset: "v2" }, mirrorPercentage: { value: 12.5 } });
        const fallback = virtualService.http!.at(-1)!;
        assert.deepEqual(fallback.mirror, { host: "myapp", subset: "v2" });
        assert.deepEqual(fallback.mirrorPercentage, { value: 12.5 });
    });

    it("keeps a drained version (weight 0) routed and in the subsets until it is removed", () => {
        const built = buildTraffic("myapp", { ...base, canary: { weights: { v1: 100, v2: 0 } } });
        assert.deepEqual(built.virtualService.http![0].route!.map((r) => [r.destination.subset, r.weight]), [["v1", 100], ["v2", 0]]);
        assert.deepEqual(built.destinationRule.subsets?.map((s) => s.name), ["v1", "v2"]);
        // The next step removes v2 from weights and versions together: nothing routes to it any more.
        const removed = buildTraffic("myapp", { ...base, versions: { v1: VERSIONS.v1 }, canary: { weights: { v1: 100 } } });
        assert.deepEqual(removed.destinationRule.subsets?.map((s) => s.name), ["v1"]);
    });

    it("leaves TLS to auto mTLS unless asked, and writes DISABLE only when asked for it", () => {
        const plain = buildTraffic("myapp", { ...base, trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } } });
        assert.equal(plain.destinationRule.trafficPolicy?.tls, undefined);
        assert.ok(!JSON.stringify(plain).includes("DISABLE"));
        const disabled = buildTraffic("myapp", { ...base, trafficPolicy: { tls: { mode: "DISABLE" } } });
        assert.deepEqual(disabled.destinationRule.trafficPolicy?.tls, { mode: "DISABLE" });
    });

    it("writes exportTo on both objects only when given", () => {
        const built = buildTraffic("myapp", { ...base, exportTo: [".", "frontend"] });
        assert.deepEqual(built.virtualService.exportTo, [".", "frontend"]);
        assert.deepEqual(built.destinationRule.exportTo, [".", "frontend"]);
    });

    it("reads durations as Istio writes them", () => {
        assert.equal(durationMs("10s"), 10_000);
        assert.equal(durationMs("250ms"), 250);
        assert.equal(durationMs("1m"), 60_000);
        assert.equal(durationMs("1h"), 3_600_000);
        assert.equal(durationMs("1m30s"), 90_000);
        assert.equal(durationMs("1.5s"), 1_500);
        assert.equal(durationMs("4.001s"), 4_001);
        assert.equal(durationMs("0.0001h"), 360);
        assert.equal(durationMs("1.5ms"), 1.5);
        for (const bad of ["3 seconds", "10", "s", "10S", "-1s", "1d", ""]) assert.equal(durationMs(bad), undefined, bad);
    });

    it("accepts exactly Envoy's retry conditions and known HTTP status codes", () => {
        assert.deepEqual(unknownRetryConditions([...HTTP_RETRY_CONDITIONS, ...GRPC_RETRY_CONDITIONS].join(",")), []);
        assert.deepEqual(unknownRetryConditions("503,429,5xx"), []);
        assert.deepEqual(unknownRetryConditions("explode,599,50,5XX,"), ["explode", "599", "50", "5XX", ""]);
    });
});

describe("traffic builders: Istio's routing and destination fields", () => {
    const versions = { v1: { version: "v1" }, v2: { version: "v2" } };
    const full = {
        host: "reviews",
        versions,
        subsetTrafficPolicy: { v2: { loadBalancer: { simple: "ROUND_ROBIN" as const } } },
        fault: { delay: { fixedDelay: "2s", percentage: { value: 10 } } },
        corsPolicy: { allowOrigins: [{ exact: "https://example.com" }], allowMethods: ["GET"], maxAge: "24h", allowCredentials: false },
        headers: { response: { remove: ["x-internal"] } },
        timeout: "5s",
        routes: [
            {
                name: "jason",
                match: [{ headers: { "end-user": { exact: "jason" } }, method: { exact: "GET" }, queryParams: { beta: { exact: "1" } },
                    uri: { prefix: "/Reviews" }, ignoreUriCase: true, port: 9080, sourceLabels: { app: "productpage" }, sourceNamespace: "default",
                    withoutHeaders: { "x-skip": { exact: "1" } } }],
                route: [
                    { destination: { subset: "v1" }, weight: 50, headers: { request: { set: { "x-canary": "no" } } } },
                    { destination: { subset: "v2", port: { number: 9080 } }, weight: 50 },
                ],
                fault: { abort: { httpStatus: 503, percentage: { value: 1 } } },
                retries: { attempts: 2, perTryTimeout: "1s" },
                timeout: "3s",
                mirror: { host: "reviews-shadow.test.svc.cluster.local" },
                mirrorPercentage: { value: 5 },
            },
            { match: [{ uri: { prefix: "/old" } }], redirect: { uri: "/new", redirectCode: 301 } },
            { match: [{ uri: { prefix: "/api" } }], rewrite: { uri: "/" }, route: [{ destination: { host: "api.other.svc.cluster.local" } }] },
        ],
        tcp: [{ match: [{ port: 3306 }], route: [{ destination: { subset: "v1", port: { number: 3306 } } }] }],
        trafficPolicy: {
            loadBalancer: { consistentHash: { httpCookie: { name: "user", ttl: "60s" } }, localityLbSetting: { failover: [{ from: "us-east", to: "us-west" }] } },
            connectionPool: { tcp: { connectTimeout: "30ms", idleTimeout: "1h" }, http: { idleTimeout: "30s", maxRetries: 3, maxRequestsPerConnection: 10 } },
            outlierDetection: { consecutiveGatewayErrors: 3, minHealthPercent: 50, interval: "5s" },
            portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: "LEAST_REQUEST" as const } }],
        },
    };

    it("writes every field in Istio's names, and the objects pass the CRD schema and CEL rules", () => {
        const built = buildTraffic("reviews", full);
        assertValidIstioObject(istioObject("VirtualService", built.virtualService));
        assertValidIstioObject(istioObject("DestinationRule", built.destinationRule));
        const [jason, redirect, rewrite, fallback] = built.virtualService.http!;
        assert.deepEqual(jason.route, [
            { destination: { host: "reviews", subset: "v1" }, weight: 50, headers: { request: { set: { "x-canary": "no" } } } },
            { destination: { host: "reviews", subset: "v2", port: { number: 9080 } }, weight: 50 },
        ]);
        assert.deepEqual([jason.timeout, jason.fault, jason.corsPolicy], ["3s", full.routes[0].fault, full.corsPolicy], "the route's own settings win");
        assert.deepEqual(jason.mirror, { host: "reviews-shadow.test.svc.cluster.local" });
        assert.deepEqual(redirect, { match: [{ uri: { prefix: "/old" } }], redirect: { uri: "/new", redirectCode: 301 }, headers: full.headers, corsPolicy: full.corsPolicy },
            "a redirect takes no timeout, retries or fault");
        assert.deepEqual(rewrite.route, [{ destination: { host: "api.other.svc.cluster.local" } }]);
        assert.deepEqual([fallback.timeout, fallback.fault], ["5s", full.fault]);
        assert.deepEqual(built.virtualService.tcp, [{ match: [{ port: 3306 }], route: [{ destination: { host: "reviews", subset: "v1", port: { number: 3306 } } }] }]);
        assert.deepEqual(built.destinationRule.subsets, [
            { name: "v1", labels: { version: "v1" } },
            { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" } } },
        ]);
        assert.deepEqual(built.destinationRule.trafficPolicy, full.trafficPolicy);
    });

    it("subsets without a canary: the default route goes to the service as a whole", () => {
        const built = buildTraffic("reviews", { host: "reviews", versions });
        assert.deepEqual(built.virtualService.http, [{ route: [{ destination: { host: "reviews" } }] }]);
        assert.equal(built.destinationRule.subsets?.length, 2);
    });

    it("a service with only TCP routes gets no HTTP routes", () => {
        const built = buildTraffic("db", { host: "db", tcp: [{ route: [{ destination: { port: { number: 5432 } } }] }] });
        assert.equal(built.virtualService.http, undefined);
        assertValidIstioObject(istioObject("VirtualService", built.virtualService));
    });
});

describe("traffic builders: TLS routes, subsets without labels, defaultRoute, workloadSelector", () => {
    it("a service with only TLS routes gets TLS routes by SNI and no HTTP routes", () => {
        const built = buildTraffic("nginx", { host: "my-nginx.default.svc.cluster.local", hosts: ["nginx.example.com"], gateways: ["mygateway"],
            tls: [{ match: [{ port: 443, sniHosts: ["nginx.example.com"] }], route: [{ destination: { port: { number: 443 } } }] }] });
        assert.equal(built.virtualService.http, undefined);
        assert.deepEqual(built.virtualService.tls, [{ match: [{ port: 443, sniHosts: ["nginx.example.com"] }],
            route: [{ destination: { host: "my-nginx.default.svc.cluster.local", port: { number: 443 } } }] }]);
        assertValidIstioObject(istioObject("VirtualService", built.virtualService));
    });

    it("writes a subset without labels for a version of no labels, and the DestinationRule's workloadSelector", () => {
        const built = buildTraffic("egressgateway-for-cnn", { host: "istio-egressgateway.istio-system.svc.cluster.local",
            versions: { cnn: {} }, workloadSelector: { matchLabels: { app: "sleep" } } });
        assert.deepEqual(built.destinationRule, { host: "istio-egressgateway.istio-system.svc.cluster.local",
            workloadSelector: { matchLabels: { app: "sleep" } }, subsets: [{ name: "cnn" }] });
        assertValidIstioObject(istioObject("DestinationRule", built.destinationRule));
    });

    it("defaultRoute: false leaves only the matched routes", () => {
        const built = buildTraffic("myapp", { ...base, canary: undefined, defaultRoute: false, routes: [{ match: [{ uri: { prefix: "/a" } }], subset: "v1" }] });
        assert.deepEqual(built.virtualService.http, [{ match: [{ uri: { prefix: "/a" } }], route: [{ destination: { host: "myapp", subset: "v1" } }] }]);
    });
});

describe("hosts", () => {
    it("writes every form of a service host as one FQDN", () => {
        for (const host of ["orders", "orders.shop", "orders.shop.svc", "orders.shop.svc.cluster.local"]) {
            assert.equal(serviceFqdn(host, host === "orders" ? "shop" : "other", ["shop"]), "orders.shop.svc.cluster.local", host);
        }
    });

    it("reads name.namespace as a service only for a known namespace, and keeps external hosts as written", () => {
        assert.deepEqual(resolveHost("orders.shop", "shop"), { host: "orders.shop.svc.cluster.local", external: false }, "own namespace");
        assert.deepEqual(resolveHost("httpbin.org", "default"), { host: "httpbin.org", external: true });
        assert.deepEqual(resolveHost("httpbin.org", "default", ["shop"]), { host: "httpbin.org", external: true });
        assert.deepEqual(resolveHost("httpbin.org", "default", ["org"]), { host: "httpbin.org.svc.cluster.local", external: false }, "declared");
        assert.deepEqual(resolveHost("edition.cnn.com", "default", ["cnn"]), { host: "edition.cnn.com", external: true }, "three labels, no svc");
        for (const bad of ["*", "*.cnn.com", "Orders", "a..b", ""]) assert.equal(resolveHost(bad, "default"), undefined, bad);
        assert.throws(() => serviceFqdn("httpbin.org", "default"), /is not a Kubernetes service host/);
    });

    it("matches hosts against ServiceEntry-style patterns", () => {
        assert.ok(hostCovered("edition.cnn.com", ["*.cnn.com"]));
        assert.ok(hostCovered("httpbin.org", ["httpbin.org"]));
        assert.ok(hostCovered("anything.example", ["*"]));
        assert.ok(!hostCovered("cnn.com", ["*.cnn.com"]));
        assert.ok(!hostCovered("xcnn.com", ["*.cnn.com"]));
    });

    it("skips text that is no host when looking for duplicates (the schema reports it)", () => {
        assert.deepEqual(duplicateHosts([{ name: "a", namespace: "default", host: "*" }, { name: "b", namespace: "default", host: "*" }]), []);
    });

    it("finds a second claim on a host, however it is written", () => {
        assert.deepEqual(duplicateHosts([
            { name: "orders", namespace: "default" },
            { name: "payments", namespace: "default" },
            { name: "orders-canary", namespace: "frontend", host: "orders.default.svc.cluster.local" },
            { name: "orders-mirror", namespace: "default", host: "orders" },
        ]), [
            ["orders-canary", "orders.default.svc.cluster.local", "orders"],
            ["orders-mirror", "orders.default.svc.cluster.local", "orders"],
        ]);
        assert.deepEqual(duplicateHosts([{ name: "orders", namespace: "a" }, { name: "orders2", namespace: "b", host: "orders" }]), []);
    });
});

// Generators of valid arguments, built from the same vocabulary a user has.
const dnsLabelArb = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const durationArb = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom("ms", "s", "m", "h")).map(([n, u]) => `${n}${u}`),
    fc.tuple(fc.integer({ min: 1, max: 59 }), fc.integer({ min: 1, max: 59 })).map(([m, sec]) => `${m}m${sec}s`),
    fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 999 })).map(([sec, ms]) => `${sec}.${String(ms).padStart(3, "0")}s`),
);
const textArb = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
const stringMatchArb = fc.oneof(
    textArb.map((exact) => ({ exact })),
    textArb.map((prefix) => ({ prefix: `/${prefix}` })),
    textArb.map((t) => ({ regex: `^${t.replace(/[.]/g, "\\.")}.*` })),
);
const headerNameArb = fc.stringMatching(/^x-[a-z0-9-]{1,15}$/);
const retryOnArb = fc
    .uniqueArray(fc.constantFrom(...HTTP_RETRY_CONDITIONS, ...GRPC_RETRY_CONDITIONS, "503", "429"), { minLength: 1, maxLength: 4 })
    .map((list) => list.join(","));

// Integer weights 0..100 that add up to 100: the gaps between sorted cut points.
function weightsArb(count: number) {
    return fc.array(fc.integer({ min: 0, max: 100 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), 100];
        return points.slice(1).map((p, i) => p - points[i]);
    });
}

const validArgs = fc
    .uniqueArray(dnsLabelArb, { minLength: 0, maxLength: 4 })
    .chain((names) => {
        const versions = Object.fromEntries(names.map((n) => [n, { version: n }]));
        const routed = names.length > 0 ? fc.constantFrom(...names) : fc.constant(undefined);
        return fc.record({
            host: fc.constantFrom("myapp", "myapp.shop", "myapp.shop.svc.cluster.local"),
            exportTo: fc.option(fc.constantFrom(["."], ["*"], [".", "frontend"]), { nil: undefined }),
            versions: fc.constant(names.length > 0 ? versions : undefined),
            canary: names.length > 0
                ? weightsArb(names.length).map((w) => ({ weights: Object.fromEntries(names.map((n, i) => [n, w[i]])) }))
                : fc.constant(undefined),
            routes: names.length > 0
                ? fc.option(fc.array(fc.record({
                    match: fc.array(fc.oneof(
                        fc.dictionary(headerNameArb, stringMatchArb, { minKeys: 1, maxKeys: 2 }).map((headers) => ({ headers })),
                        stringMatchArb.map((uri) => ({ uri })),
                    ), { minLength: 1, maxLength: 2 }),
                    subset: routed as fc.Arbitrary<string>,
                }), { minLength: 1, maxLength: 3 }), { nil: undefined })
                : fc.constant(undefined),
            mirror: names.length > 0 ? fc.option((routed as fc.Arbitrary<string>).map((subset) => ({ subset })), { nil: undefined }) : fc.constant(undefined),
            timeout: fc.option(durationArb, { nil: undefined }),
            retries: fc.option(fc.record({
                attempts: fc.integer({ min: 1, max: 10 }),
                perTryTimeout: durationArb,
                retryOn: retryOnArb,
            }, { requiredKeys: ["attempts"] }), { nil: undefined }),
            trafficPolicy: fc.option(fc.record({
                connectionPool: fc.record({
                    tcp: fc.record({ maxConnections: fc.integer({ min: 0, max: 100000 }) }),
                    http: fc.record({
                        http1MaxPendingRequests: fc.integer({ min: 0, max: 100000 }),
                        http2MaxRequests: fc.integer({ min: 0, max: 100000 }),
                        maxRequestsPerConnection: fc.integer({ min: 0, max: 1000 }),
                        h2UpgradePolicy: fc.constantFrom("DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"),
                    }, { requiredKeys: [] }),
                }, { requiredKeys: ["tcp"] }),
                outlierDetection: fc.record({
                    consecutive5xxErrors: fc.integer({ min: 0, max: 1000 }),
                    interval: durationArb,
                    baseEjectionTime: durationArb,
                    maxEjectionPercent: fc.integer({ min: 0, max: 100 }),
                }, { requiredKeys: [] }),
            }, { requiredKeys: [] }), { nil: undefined }),
        }, { requiredKeys: ["host", "versions", "canary"] });
    })
    // fc.record leaves optional keys out; drop the ones set to undefined as well.
    .map((args) => JSON.parse(JSON.stringify(args)) as Record<string, unknown>);

describe("traffic builders: properties", () => {
    it("any valid arguments give CRD-valid objects, a default route last, and weights adding up to 100", () => {
        fc.assert(fc.property(validArgs, (args) => {
            const built = buildTraffic("svc", args);
            assert.deepEqual(validateIstioObject(istioObject("VirtualService", built.virtualService)), []);
            assert.deepEqual(validateIstioObject(istioObject("DestinationRule", built.destinationRule)), []);
            const http = built.virtualService.http!;
            const fallback = http[http.length - 1];
            assert.equal(fallback.match, undefined, "the default route matches everything");
            assert.ok(http.slice(0, -1).every((r) => r.match !== undefined), "only the last route has no match");
            if (fallback.route!.length > 1) {
                assert.equal(fallback.route!.reduce((sum, r) => sum + (r.weight ?? 0), 0), 100);
            }
            const subsets = new Set(built.destinationRule.subsets?.map((s) => s.name));
            for (const r of http) for (const d of r.route ?? []) assert.ok(d.destination.subset === undefined || subsets.has(d.destination.subset));
        }), { numRuns: 150 });
    });

    // Invalid input of any shape: arbitrary values, and valid arguments with one field broken.
    const breakage = fc.oneof(fc.anything(), fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.constant(null));
    const fields = ["host", "versions", "canary", "routes", "mirror", "mirrorPercentage", "timeout", "retries", "trafficPolicy", "exportTo"];
    const invalidArgs = fc.oneof(
        fc.anything(),
        fc.tuple(validArgs, fc.constantFrom(...fields), breakage).map(([args, field, value]) => ({ ...args, [field]: value })),
        fc.tuple(validArgs, breakage).map(([args, value]) => ({ ...args, canary: { weights: { ...(args.canary as { weights: object } | undefined)?.weights, extra: value } } })),
        fc.tuple(validArgs, breakage).map(([args, value]) => ({ ...args, retries: { attempts: 2, perTryTimeout: value } })),
        fc.tuple(validArgs, breakage).map(([args, value]) => ({ ...args, trafficPolicy: { outlierDetection: { maxEjectionPercent: value } } })),
    );

    it("any invalid arguments give a TrafficArgsError naming the service, never a crash", () => {
        fc.assert(fc.property(invalidArgs, (args) => {
            let thrown: unknown;
            let built: ReturnType<typeof buildTraffic> | undefined;
            try {
                built = buildTraffic("svc", args);
            } catch (err) {
                thrown = err;
            }
            if (thrown === undefined) {
                // Some breakages happen to be valid (a string host, an integer weight that fits): then the output must be.
                assert.deepEqual(validateIstioObject(istioObject("VirtualService", built!.virtualService)), []);
                assert.deepEqual(validateIstioObject(istioObject("DestinationRule", built!.destinationRule)), []);
                return;
            }
            assert.ok(thrown instanceof TrafficArgsError, `not a TrafficArgsError: ${String(thrown)}`);
            assert.ok(thrown.problems.length > 0);
            assert.match(thrown.message, /^istio-mesh:traffic:MeshService "svc": /);
        }), { numRuns: 300 });
    });
});
