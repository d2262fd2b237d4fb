import { strict as assert } from "assert";
import { buildTraffic } from "../components/traffic";
import { NETWORKING_API_VERSION } from "../components/traffic/mesh-service";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { seedObject, seedSnippets, skipWithoutSeed } from "./helpers/seed";

// Arguments equivalent to each of the seed article's traffic snippets, and
// the snippet they must reproduce exactly (the spec; the apiVersion moves to v1).
const VERSIONS = { v1: { version: "v1" }, v2: { version: "v2" } };

const canary = { host: "myapp", versions: VERSIONS, canary: { weights: { v1: 90, v2: 10 } } };
const headerRouting = {
    host: "myapp",
    versions: VERSIONS,
    canary: { weights: { v1: 100 } },
    routes: [{ match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], subset: "v2" }],
};
const retries = {
    host: "myapp",
    timeout: "10s",
    retries: { attempts: 3, perTryTimeout: "3s", retryOn: "5xx,reset,connect-failure" },
};
const circuitBreaker = {
    host: "orders",
    trafficPolicy: {
        connectionPool: {
            tcp: { maxConnections: 100 },
            http: { h2UpgradePolicy: "UPGRADE", http1MaxPendingRequests: 100, http2MaxRequests: 1000 },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "60s", maxEjectionPercent: 50 },
    },
};

function asV1(kind: string, name: string, spec: object) {
    return { apiVersion: NETWORKING_API_VERSION, kind, metadata: { name, namespace: "default" }, spec };
}

describe("traffic builders reproduce the seed article exactly", () => {
    before(function () {
        skipWithoutSeed(this);
    });
    it("finds the four traffic snippets in the seed, all networking.istio.io/v1beta1", () => {
        const snippets = seedSnippets();
        for (const heading of ["Canary Deployments", "Header-Based Routing", "Retries and Timeouts", "Circuit Breaker"]) {
            const objects = snippets.get(heading) ?? [];
            assert.ok(objects.length > 0, heading);
            for (const o of objects) assert.equal(o.apiVersion, "networking.istio.io/v1beta1");
        }
    });

    it("canary: the 90/10 VirtualService and the v1/v2 DestinationRule", () => {
        const built = buildTraffic("myapp", canary);
        assert.deepStrictEqual(built.virtualService, seedObject("Canary Deployments", "VirtualService").spec);
        assert.deepStrictEqual(built.destinationRule, seedObject("Canary Deployments", "DestinationRule").spec);
        assert.deepStrictEqual(built.warnings, []);
    });

    it("header routing: beta testers to v2 first, then everyone else to v1 (no weight)", () => {
        const built = buildTraffic("myapp", headerRouting);
        assert.deepStrictEqual(built.virtualService, seedObject("Header-Based Routing", "VirtualService").spec);
    });

    it("retries and timeouts: a route to the host without a subset", () => {
        const built = buildTraffic("myapp", retries);
        assert.deepStrictEqual(built.virtualService, seedObject("Retries and Timeouts", "VirtualService").spec);
        assert.deepStrictEqual(built.warnings, [], "3 x 3s fits in 10s");
    });

    it("circuit breaker: the orders DestinationRule's connection pool and outlier detection", () => {
        const built = buildTraffic("orders", circuitBreaker);
        assert.deepStrictEqual(built.destinationRule, seedObject("Circuit Breaker", "DestinationRule").spec);
    });

    it("every seed-equivalent object, moved to networking.istio.io/v1, validates against Istio 1.30.3's CRDs", () => {
        for (const [name, args] of [["myapp", canary], ["myapp", headerRouting], ["myapp", retries], ["orders", circuitBreaker]] as const) {
            const built = buildTraffic(name, args);
            assertValidIstioObject(asV1("VirtualService", name, built.virtualService));
            assertValidIstioObject(asV1("DestinationRule", name, built.destinationRule));
        }
    });
});
