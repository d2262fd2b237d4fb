import { strict as assert } from "assert";
import { parse, plan, type CelValue } from "@bufbuild/cel";
import fc from "fast-check";
import { createK8sCelEnv, parseGoDuration } from "./helpers/cel-k8s-functions";
import { compileRule, schemaNodesWithRules } from "./helpers/cel-rules";
import type { Crd, K8sSchema } from "./helpers/crd-schema";
import {
    assertValidIstioObject,
    CEL_SKIPPED_MESSAGE,
    createCrdValidator,
    istioCrdValidator,
    validateIstioObject,
    type ValidationProblem,
} from "./helpers/istio-crd-validator";
import { formatIP, isURL, parseCIDR, parseIP, parseURL, urlEscapedPath } from "./helpers/k8s-net";

type Obj = Record<string, unknown>;

function istioObject(apiVersion: string, kind: string, spec: unknown, name = "reviews"): Obj {
    return { apiVersion, kind, metadata: { name, namespace: "bookinfo" }, spec };
}

/**
 * A deep copy of `base` changed by `edit`, so each case starts from a valid
 * object. The copy is `any` so a case can reach deep into it in one line.
 */
function variant<T>(base: T, edit: (copy: any) => void): T {
    const copy = structuredClone(base);
    edit(copy);
    return copy;
}

function problemAt(problems: ValidationProblem[], path: string): ValidationProblem {
    const found = problems.find((p) => p.path === path);
    assert.ok(found, `expected a problem at ${path}, got ${JSON.stringify(problems, null, 2)}`);
    return found;
}

function assertOnlyProblem(obj: unknown, path: string, message: RegExp): ValidationProblem {
    const problems = validateIstioObject(obj);
    assert.equal(problems.length, 1, `expected exactly one problem, got ${JSON.stringify(problems, null, 2)}`);
    const problem = problemAt(problems, path);
    assert.match(problem.message, message);
    return problem;
}

const virtualService = istioObject("networking.istio.io/v1", "VirtualService", {
    hosts: ["reviews.bookinfo.svc.cluster.local"],
    gateways: ["mesh"],
    http: [
        {
            name: "canary",
            match: [{ uri: { prefix: "/api" }, headers: { "x-canary": { exact: "true" } } }],
            route: [
                { destination: { host: "reviews", subset: "v1", port: { number: 9080 } }, weight: 75 },
                { destination: { host: "reviews", subset: "v2" }, weight: 25 },
            ],
            retries: { attempts: 3, perTryTimeout: "3s", retryOn: "5xx,reset,connect-failure" },
            timeout: "10s",
        },
    ],
});

const destinationRule = istioObject("networking.istio.io/v1", "DestinationRule", {
    host: "reviews",
    trafficPolicy: {
        connectionPool: {
            tcp: { maxConnections: 100, connectTimeout: "30ms" },
            http: { http2MaxRequests: 1000, maxRequestsPerConnection: 10, h2UpgradePolicy: "UPGRADE" },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "60s", maxEjectionPercent: 50 },
        loadBalancer: { simple: "LEAST_REQUEST" },
        tls: { mode: "ISTIO_MUTUAL" },
    },
    subsets: [
        { name: "v1", labels: { version: "v1" } },
        { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" } } },
    ],
});

const peerAuthentication = istioObject("security.istio.io/v1", "PeerAuthentication", { mtls: { mode: "STRICT" } }, "default");

const authorizationPolicy = istioObject("security.istio.io/v1", "AuthorizationPolicy", {
    selector: { matchLabels: { app: "reviews" } },
    action: "ALLOW",
    rules: [
        {
            from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/productpage"] } }, { source: { namespaces: ["bookinfo"] } }],
            to: [{ operation: { methods: ["GET"], paths: ["/reviews/*"] } }],
            when: [{ key: "request.auth.claims[iss]", values: ["https://accounts.google.com"] }],
        },
    ],
});

const telemetry = istioObject(
    "telemetry.istio.io/v1",
    "Telemetry",
    { tracing: [{ providers: [{ name: "otel-tracing" }], randomSamplingPercentage: 10.5, customTags: { env: { literal: { value: "prod" } } } }] },
    "mesh-default",
);

const serviceEntry = istioObject("networking.istio.io/v1", "ServiceEntry", {
    hosts: ["api.example.com"],
    location: "MESH_EXTERNAL",
    resolution: "DNS",
    ports: [{ number: 443, name: "https", protocol: "TLS" }],
});

const requestAuthentication = istioObject("security.istio.io/v1", "RequestAuthentication", {
    selector: { matchLabels: { app: "reviews" } },
    jwtRules: [{ issuer: "https://accounts.google.com", jwksUri: "https://www.googleapis.com/oauth2/v3/certs" }],
});

const wasmPlugin = istioObject("extensions.istio.io/v1alpha1", "WasmPlugin", { url: "oci://ghcr.io/istio/basic-auth:1.12.0", phase: "AUTHN" });

describe("istio-crd-validator", () => {
    describe("accepts valid Istio objects", () => {
        const valid: [string, Obj][] = [
            ["VirtualService with weighted subsets, retries and timeout", virtualService],
            ["DestinationRule with subsets, connectionPool and outlierDetection", destinationRule],
            ["PeerAuthentication STRICT", peerAuthentication],
            ["AuthorizationPolicy with rules", authorizationPolicy],
            ["Telemetry with tracing providers", telemetry],
            ["ServiceEntry", serviceEntry],
            ["RequestAuthentication", requestAuthentication],
            ["WasmPlugin with an oci:// url", wasmPlugin],
            ["WasmPlugin with a scheme-less image url", variant(wasmPlugin, (o) => (o.spec.url = "ghcr.io/istio/basic-auth:1.12.0"))],
            ["VirtualService in the older served version v1beta1", variant(virtualService, (o) => (o.apiVersion = "networking.istio.io/v1beta1"))],
            [
                "PeerAuthentication with portLevelMtls and a selector",
                variant(peerAuthentication, (o) => {
                    o.spec.selector = { matchLabels: { app: "reviews" } };
                    o.spec.portLevelMtls = { "8080": { mode: "DISABLE" } };
                }),
            ],
            ["an object whose non-nullable fields are null (pruned, as the API server does)", variant(virtualService, (o) => (o.spec.http[0].timeout = null))],
        ];
        for (const [name, obj] of valid) {
            it(name, () => {
                assert.deepEqual(validateIstioObject(obj), []);
                assert.doesNotThrow(() => assertValidIstioObject(obj));
            });
        }

        it("does not modify the object", () => {
            const obj = variant(virtualService, (o) => (o.spec.http[0].timeout = null));
            const before = structuredClone(obj);
            validateIstioObject(obj);
            assert.deepEqual(obj, before);
        });
    });

    describe("rejects schema violations", () => {
        it("an unknown field, like a strict API server", () => {
            const obj = variant(virtualService, (o) => (o.spec.http[0].retrys = { attempts: 3 }));
            assertOnlyProblem(obj, "spec.http[0].retrys", /unknown field "spec\.http\[0\]\.retrys"/);
        });

        it("an unknown top-level field", () => {
            const obj = variant(peerAuthentication, (o) => (o.specs = {}));
            assertOnlyProblem(obj, "specs", /unknown field/);
        });

        it("a wrong type, and then skips the CEL rules like the API server", () => {
            const obj = variant(virtualService, (o) => {
                o.spec.http[0].retries.attempts = "three";
                o.spec.http[0].timeout = "3 seconds"; // would fail a rule, which is not run
            });
            const problems = validateIstioObject(obj);
            assert.match(problemAt(problems, "spec.http[0].retries.attempts").message, /"three": must be of type integer, not string/);
            assert.equal(problemAt(problems, "").message, CEL_SKIPPED_MESSAGE);
            assert.equal(problems.length, 2);
        });

        it("a string where a list is expected", () => {
            const problems = validateIstioObject(variant(virtualService, (o) => (o.spec.hosts = "reviews")));
            assert.match(problemAt(problems, "spec.hosts").message, /must be of type array/);
        });

        it("a value outside the enum", () => {
            const obj = variant(peerAuthentication, (o) => (o.spec.mtls.mode = "STRICTER"));
            const problems = validateIstioObject(obj);
            assert.match(problemAt(problems, "spec.mtls.mode").message, /Unsupported value: "STRICTER": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"/);
        });

        it("a missing required field", () => {
            const obj = variant(virtualService, (o) => delete o.spec.http[0].route[0].destination.host);
            const problems = validateIstioObject(obj);
            assert.match(problemAt(problems, "spec.http[0].route[0].destination.host").message, /Required value/);
        });

        it("two members of a proto oneof (OpenAPI oneOf)", () => {
            const obj = variant(virtualService, (o) => (o.spec.http[0].match[0].uri = { exact: "/api", prefix: "/api" }));
            assertOnlyProblem(obj, "spec.http[0].match[0].uri", /only one of exact, prefix, regex may be set, found exact, prefix/);
        });

        it("two members of one oneof inside an allOf of oneofs (consistentHash)", () => {
            const consistentHash = (hash: Obj) => variant(destinationRule, (o) => (o.spec.trafficPolicy.loadBalancer = { consistentHash: hash }));
            assert.deepEqual(validateIstioObject(consistentHash({ httpHeaderName: "x-user", ringHash: { minimumRingSize: 1024 } })), []);
            assertOnlyProblem(
                consistentHash({ httpHeaderName: "x-user", useSourceIp: true, ringHash: {} }),
                "spec.trafficPolicy.loadBalancer.consistentHash",
                /only one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName may be set, found httpHeaderName, useSourceIp$/,
            );
        });

        it("a wrong type inside a map, naming the key", () => {
            const obj = variant(destinationRule, (o) => (o.spec.subsets[0].labels.version = 1));
            const problems = validateIstioObject(obj);
            assert.match(problemAt(problems, "spec.subsets[0].labels[version]").message, /must be of type string/);
        });

        it("null inside a list (not pruned)", () => {
            const problems = validateIstioObject(variant(virtualService, (o) => (o.spec.hosts = [null])));
            assert.match(problemAt(problems, "spec.hosts[0]").message, /must be of type string, not null/);
        });

        it("a missing metadata.name", () => {
            const problems = validateIstioObject(variant(peerAuthentication, (o) => delete o.metadata.name));
            assert.match(problemAt(problems, "metadata.name").message, /Required value/);
        });

        it("a duplicate key in an x-kubernetes-list-type=map list", () => {
            const obj = variant(serviceEntry, (o) => o.spec.ports.push({ number: 8443, name: "https" }));
            assertOnlyProblem(obj, "spec.ports[1]", /Duplicate value: \{"name":"https"\}/);
        });

        it("reports every problem at once", () => {
            const obj = variant(virtualService, (o) => {
                o.spec.http[0].retrys = 1;
                o.spec.gatewayz = [];
                o.spec.http[0].match[0].uri = { exact: "/a", regex: "/b" };
            });
            const paths = validateIstioObject(obj).map((p) => p.path);
            assert.deepEqual(paths.sort(), ["spec.gatewayz", "spec.http[0].match[0].uri", "spec.http[0].retrys"]);
        });
    });

    describe("evaluates the CRDs' x-kubernetes-validations rules", () => {
        const durationRule = "duration(self) >= duration('1ms')";

        it("rejects a duration Go cannot parse", () => {
            const obj = variant(virtualService, (o) => (o.spec.http[0].retries.perTryTimeout = "3 seconds"));
            const problem = assertOnlyProblem(obj, "spec.http[0].retries.perTryTimeout", /unknown unit " seconds".*must be a valid duration greater than 1ms/);
            assert.equal(problem.rule, durationRule);
        });

        it("rejects a duration below the 1ms minimum", () => {
            const obj = variant(destinationRule, (o) => (o.spec.trafficPolicy.outlierDetection.interval = "500us"));
            const problem = assertOnlyProblem(obj, "spec.trafficPolicy.outlierDetection.interval", /^must be a valid duration greater than 1ms$/);
            assert.equal(problem.rule, durationRule);
        });

        it("accepts compound and fractional durations", () => {
            const obj = variant(virtualService, (o) => {
                o.spec.http[0].timeout = "1h2m3.5s";
                o.spec.http[0].retries.perTryTimeout = "1ms";
            });
            assert.deepEqual(validateIstioObject(obj), []);
        });

        it("rejects a wildcard label value, with the map key in the path", () => {
            const obj = variant(authorizationPolicy, (o) => (o.spec.selector.matchLabels.app = "*"));
            assertOnlyProblem(obj, "spec.selector.matchLabels[app]", /^wildcard not allowed in label value match$/);
        });

        it("rejects a wildcard label key", () => {
            const obj = variant(authorizationPolicy, (o) => (o.spec.selector.matchLabels = { "app*": "reviews" }));
            assertOnlyProblem(obj, "spec.selector.matchLabels", /^wildcard not allowed in label key match$/);
        });

        it("rejects a wildcard ServiceEntry host", () => {
            const obj = variant(serviceEntry, (o) => o.spec.hosts.push("*"));
            assertOnlyProblem(obj, "spec.hosts[1]", /^hostname cannot be wildcard$/);
        });

        it("rejects a port out of range (integers compared as CEL ints)", () => {
            const problems = validateIstioObject(variant(serviceEntry, (o) => (o.spec.ports[0].number = 65536)));
            assert.deepEqual(problems, [{ path: "spec.ports[0].number", message: "port must be between 1-65535", rule: "0 < self && self <= 65535" }]);
            assert.deepEqual(validateIstioObject(variant(serviceEntry, (o) => (o.spec.ports[0].number = 65535))), []);
        });

        it("rejects a non-numeric port map key (int() of a string)", () => {
            const obj = variant(peerAuthentication, (o) => {
                o.spec.selector = { matchLabels: { app: "reviews" } };
                o.spec.portLevelMtls = { http: { mode: "DISABLE" } };
            });
            assertOnlyProblem(obj, "spec.portLevelMtls", /cannot convert "http" to int evaluating rule: port must be between 1-65535/);
        });

        it("rejects setting both members of a one-of rule", () => {
            const obj = variant(authorizationPolicy, (o) => (o.spec.targetRefs = [{ kind: "Gateway", group: "gateway.networking.k8s.io", name: "waypoint" }]));
            assertOnlyProblem(obj, "spec", /^only one of targetRefs or selector can be set$/);
        });

        it("rejects a cross-resource rule (portLevelMtls without a selector)", () => {
            const obj = variant(peerAuthentication, (o) => (o.spec.portLevelMtls = { "8080": { mode: "DISABLE" } }));
            assertOnlyProblem(obj, "spec", /^portLevelMtls requires selector$/);
        });

        it("rejects duplicate port numbers (exists_one over a list)", () => {
            const obj = variant(serviceEntry, (o) => o.spec.ports.push({ number: 443, name: "tls" }));
            assertOnlyProblem(obj, "spec.ports", /^port number cannot be duplicated$/);
        });

        it("rejects a jwksUri without an http(s) scheme (url library)", () => {
            const obj = variant(requestAuthentication, (o) => (o.spec.jwtRules[0].jwksUri = "ftp://example.com/jwks.json"));
            assertOnlyProblem(obj, "spec.jwtRules[0].jwksUri", /^url must have scheme http:\/\/ or https:\/\/$/);
            const relative = variant(requestAuthentication, (o) => (o.spec.jwtRules[0].jwksUri = "example.com/jwks.json"));
            assertOnlyProblem(relative, "spec.jwtRules[0].jwksUri", /invalid URI for request evaluating rule: url must have scheme/);
        });

        it("rejects a WasmPlugin url with another scheme (isURL/url fallback)", () => {
            const obj = variant(wasmPlugin, (o) => (o.spec.url = "ftp://example.com/plugin.wasm"));
            assertOnlyProblem(obj, "spec.url", /^url must have schema one of \[http, https, file, oci\]$/);
        });

        it("rejects ServiceEntry endpoints with resolution NONE", () => {
            const obj = variant(serviceEntry, (o) => {
                o.spec.resolution = "NONE";
                o.spec.endpoints = [{ address: "10.0.0.1" }];
            });
            assertOnlyProblem(obj, "spec", /^NONE mode cannot set endpoints$/);
        });
    });

    describe("resolves the CRD from apiVersion and kind", () => {
        it("rejects an unknown kind", () => {
            const problems = validateIstioObject(variant(virtualService, (o) => (o.kind = "VirtualServices")));
            assert.equal(problems.length, 1);
            assert.equal(problems[0].path, "kind");
            assert.match(problems[0].message, /no matches for kind "VirtualServices" in version "networking.istio.io\/v1"; kinds in networking.istio.io: .*VirtualService/);
        });

        it("rejects an unknown group", () => {
            const problems = validateIstioObject(variant(virtualService, (o) => (o.apiVersion = "networking.example.io/v1")));
            assert.match(problemAt(problems, "kind").message, /no CRD for group "networking.example.io"/);
        });

        it("rejects an unknown version, listing the served ones", () => {
            const problems = validateIstioObject(variant(virtualService, (o) => (o.apiVersion = "networking.istio.io/v2")));
            assert.match(problemAt(problems, "apiVersion").message, /served versions: v1, v1alpha3, v1beta1/);
        });

        it("rejects a missing apiVersion and a non-object", () => {
            assert.equal(problemAt(validateIstioObject(variant(virtualService, (o) => delete o.apiVersion)), "apiVersion").path, "apiVersion");
            assert.equal(validateIstioObject("VirtualService").length, 1);
            assert.equal(validateIstioObject(null).length, 1);
        });
    });

    describe("assertValidIstioObject", () => {
        it("throws an Error naming the object and listing every problem", () => {
            const obj = variant(virtualService, (o) => {
                o.spec.http[0].retrys = 1;
                o.spec.http[0].timeout = "0s";
            });
            assert.throws(
                () => assertValidIstioObject(obj),
                (e: unknown) => {
                    assert.ok(e instanceof Error);
                    assert.match(e.message, /^VirtualService bookinfo\/reviews \(networking.istio.io\/v1\) is invalid:/);
                    assert.match(e.message, /\n {2}- spec\.http\[0\]\.retrys: unknown field/);
                    assert.match(e.message, /\n {2}- spec\.http\[0\]\.timeout: must be a valid duration greater than 1ms/);
                    return true;
                },
            );
        });
    });

    describe("compiles every rule of every Istio CRD", () => {
        it("parses, type-checks and plans each rule with the Kubernetes function set", () => {
            let count = 0;
            const failures: string[] = [];
            for (const crd of istioCrdValidator().crds()) {
                for (const version of crd.versions) {
                    for (const node of schemaNodesWithRules(version.schema)) {
                        for (const rule of node.schema["x-kubernetes-validations"] ?? []) {
                            count++;
                            const compiled = compileRule(rule, node.schema);
                            if (compiled.error !== undefined) failures.push(`${crd.kind} ${version.name} ${node.path}: ${compiled.error}`);
                        }
                    }
                }
            }
            assert.deepEqual(failures, []);
            assert.ok(count > 300, `expected the Istio CRDs to hold hundreds of rules, found ${count}`);
        });

        it("would catch an unsupported function or a misspelled field", () => {
            const schema: K8sSchema = { type: "object", properties: { name: { type: "string" }, port: { type: "integer" } } };
            const cases: [string, RegExp][] = [
                ["self.name.find('[a-z]+') != ''", /undeclared reference to 'find'/],
                ["quantity(self.name).isInteger()", /undeclared reference to 'quantity'/],
                ["has(self.nmae)", /undefined field 'nmae'/],
                ["self.port.startsWith('8')", /no matching overload for 'startsWith' applied to 'int\.\(string\)'/],
                ["duration(self.name) > 1", /no matching overload for '_>_'/],
                ["self.port", /must evaluate to bool, not int/],
                ["self.all(k, k != '')", /cannot be range of a comprehension/],
            ];
            for (const [rule, error] of cases) assert.match(compileRule({ rule }, schema).error ?? "compiled", error, rule);
            assert.equal(compileRule({ rule: "self.port <= 65535 && self.name.matches('^[a-z]+$')" }, schema).error, undefined);
        });
    });

    describe("with a custom CRD (features Istio's CRDs do not use)", () => {
        const widgetSchema: K8sSchema = {
            type: "object",
            properties: {
                spec: {
                    type: "object",
                    required: ["minReplicas", "maxReplicas"],
                    "x-kubernetes-validations": [
                        {
                            rule: "self.minReplicas <= self.maxReplicas",
                            messageExpression: "'minReplicas (' + string(self.minReplicas) + ') exceeds maxReplicas (' + string(self.maxReplicas) + ')'",
                        },
                        { rule: "!has(self.ports) || self.ports.all(p, p > 0)", fieldPath: ".ports", message: "ports must be positive" },
                        { rule: "self.minReplicas >= oldSelf.minReplicas", message: "transition rules only apply to updates" },
                        { rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'", message: "kube-system is reserved" },
                    ],
                    properties: {
                        minReplicas: { type: "integer" },
                        maxReplicas: { type: "integer" },
                        namespace: { type: "string" },
                        ports: { type: "array", items: { type: "integer" }, "x-kubernetes-list-type": "set" },
                        ratio: { type: "number", "x-kubernetes-validations": [{ rule: "self <= 1.0", message: "ratio must be at most 1" }] },
                        size: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
                        note: { type: "string", nullable: true },
                        zones: { type: "integer", "x-kubernetes-validations": [{ rule: "self % 2 == 0", message: "must be even" }] },
                        config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                        endpoint: { type: "string", "x-kubernetes-validations": [{ rule: "isURL(self) && url(self).getScheme() == 'https'" }] },
                        cidrs: {
                            type: "array",
                            items: { type: "string", "x-kubernetes-validations": [{ rule: "isCIDR(self) && cidr(self).prefixLength() >= 8", message: "must be a CIDR of /8 or longer" }] },
                        },
                        pattern: { type: "string", "x-kubernetes-validations": [{ rule: "self.find('[a-z]+') == self", message: "uses the regex library" }] },
                    },
                },
            },
        };
        const widgets: Crd = {
            name: "widgets.example.com",
            group: "example.com",
            kind: "Widget",
            versions: [
                { name: "v1", served: true, storage: true, schema: widgetSchema },
                { name: "v1alpha1", served: false, storage: false, schema: widgetSchema },
            ],
        };
        const validator = createCrdValidator([widgets]);
        const widget = {
            apiVersion: "example.com/v1",
            kind: "Widget",
            metadata: { name: "w", labels: { app: "w" } },
            spec: {
                minReplicas: 1,
                maxReplicas: 3,
                ports: [80, 443],
                ratio: 1,
                size: "50%",
                note: null,
                zones: 2,
                config: { anything: { goes: [1, "two"] } },
                endpoint: "https://example.com/hook",
                cidrs: ["10.0.0.0/8", "2001:db8::/32"],
            },
        };

        it("accepts a valid object (transition rules skipped, nullable null kept, unknown fields preserved)", () => {
            assert.deepEqual(validator.validate(widget), []);
            assert.deepEqual(validator.validate(variant(widget, (o) => (o.spec.size = 3))), []);
        });

        it("uses messageExpression for the message", () => {
            const problems = validator.validate(variant(widget, (o) => (o.spec.minReplicas = 5)));
            assert.deepEqual(problems, [{ path: "spec", message: "minReplicas (5) exceeds maxReplicas (3)", rule: "self.minReplicas <= self.maxReplicas" }]);
        });

        it("reports at fieldPath", () => {
            assert.equal(problemAt(validator.validate(variant(widget, (o) => (o.spec.ports = [0]))), "spec.ports").message, "ports must be positive");
        });

        it("escapes property names that are CEL keywords (namespace -> __namespace__)", () => {
            assert.equal(problemAt(validator.validate(variant(widget, (o) => (o.spec.namespace = "kube-system"))), "spec").message, "kube-system is reserved");
        });

        it("passes JSON numbers under type integer as CEL ints (% has no double overload)", () => {
            assert.equal(problemAt(validator.validate(variant(widget, (o) => (o.spec.zones = 3))), "spec.zones").message, "must be even");
        });

        it("compares JSON numbers under type number as CEL doubles", () => {
            assert.equal(problemAt(validator.validate(variant(widget, (o) => (o.spec.ratio = 1.5))), "spec.ratio").message, "ratio must be at most 1");
        });

        it("defaults the message of a rule without one to the rule", () => {
            const problems = validator.validate(variant(widget, (o) => (o.spec.endpoint = "http://example.com")));
            assert.equal(problemAt(problems, "spec.endpoint").message, "failed rule: isURL(self) && url(self).getScheme() == 'https'");
        });

        it("evaluates rules on list items with the ip/cidr library", () => {
            const problems = validator.validate(variant(widget, (o) => (o.spec.cidrs = ["10.0.0.0/8", "0.0.0.0/0", "10.0.0.01/8"])));
            assert.deepEqual(
                problems.map((p) => p.path),
                ["spec.cidrs[1]", "spec.cidrs[2]"],
            );
        });

        it("reports a rule that does not compile instead of passing it", () => {
            const problems = validator.validate(variant(widget, (o) => (o.spec.pattern = "abc")));
            assert.match(problemAt(problems, "spec.pattern").message, /does not compile: undeclared reference to 'find'/);
        });

        it("rejects duplicates in an x-kubernetes-list-type=set list", () => {
            assert.match(problemAt(validator.validate(variant(widget, (o) => (o.spec.ports = [80, 80]))), "spec.ports[1]").message, /Duplicate value: 80/);
        });

        it("rejects a wrong type for int-or-string and non-string labels", () => {
            const problems = validator.validate(
                variant(widget, (o) => {
                    o.spec.size = true;
                    o.metadata.labels.app = 1;
                }),
            );
            assert.match(problemAt(problems, "spec.size").message, /must be of type integer or string/);
            assert.match(problemAt(problems, "metadata.labels[app]").message, /must be of type string/);
        });

        it("rejects a version that is not served", () => {
            const problems = validator.validate(variant(widget, (o) => (o.apiVersion = "example.com/v1alpha1")));
            assert.deepEqual(problems, [{ path: "apiVersion", message: 'version "v1alpha1" of widgets.example.com is not served; served versions: v1' }]);
        });
    });

    describe("Kubernetes CEL library", () => {
        const env = createK8sCelEnv();
        // A CelError is an Error, so failures can be told apart with instanceof.
        const evaluate = (expr: string): CelValue | Error => plan(env, parse(expr))({ self: null, oldSelf: null });
        const truths = [
            // std/strings (from @bufbuild/cel and its strings extension)
            "'a,b'.split(',') == ['a', 'b'] && 'ABC'.lowerAscii() == 'abc' && 'abc'.indexOf('c') == 2 && 'unix:///x'.substring(7, 8) == '/'",
            "'reviews-v1'.matches('^[a-z]+-v[0-9]$') && 'x'.startsWith('x') && 'x'.endsWith('x') && 'ab'.contains('b')",
            "[1, 2, 3].all(x, x > 0) && [1, 2].exists(x, x == 2) && [1, 2, 2].exists_one(x, x == 1) && [1, 2].map(x, x * 2) == [2, 4] && [1, 2].filter(x, x > 1) == [2]",
            "{'a': 1}.all(k, k == 'a') && has({'a': 1}.a) && !has({'a': 1}.b)",
            // Go-faithful conversions
            "duration('1h2m3.5s') == duration('3723500ms') && duration('-1.5h') < duration('0') && duration('1\u00b5s') == duration('1000ns')",
            "int('80') == 80 && uint('80') == 80u && double('1.5e3') == 1500.0",
            // url
            "url('https://example.com:8080/a%20b?x=1&x=2').getScheme() == 'https' && url('https://example.com:8080/').getHost() == 'example.com:8080'",
            "url('https://example.com:8080/').getHostname() == 'example.com' && url('https://example.com:8080/').getPort() == '8080'",
            "url('https://[::1]:80/').getHostname() == '::1' && url('https://x/a%20b').getEscapedPath() == '/a%20b' && url('https://x/?k=1&k=2').getQuery() == {'k': ['1', '2']}",
            "isURL('https://example.com') && isURL('/absolute/path') && !isURL('example.com/relative') && !isURL('http://host:port/')",
            // ip / cidr
            "isIP('10.0.0.1') && isIP('::1') && !isIP('010.0.0.1') && !isIP('::ffff:10.0.0.1') && !isIP('fe80::1%eth0')",
            "ip('2001:db8:0:0:0:0:2:1') == ip('2001:db8::2:1') && string(ip('2001:DB8::1')) == '2001:db8::1' && ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')",
            "ip('10.0.0.1').family() == 4 && ip('::1').family() == 6 && ip('127.0.0.1').isLoopback() && ip('0.0.0.0').isUnspecified()",
            "ip('fe80::1').isLinkLocalUnicast() && ip('ff02::1').isLinkLocalMulticast() && ip('10.0.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()",
            "cidr('192.168.0.0/16').containsIP('192.168.3.4') && !cidr('192.168.0.0/16').containsIP(ip('10.0.0.1')) && cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')",
            "!cidr('10.1.0.0/16').containsCIDR(cidr('10.0.0.0/8')) && string(cidr('10.1.2.3/8').masked()) == '10.0.0.0/8' && cidr('10.1.2.3/8').ip() == ip('10.1.2.3') && cidr('::/0').prefixLength() == 0",
            "isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/08') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')",
            // lists / sets
            "[1, 2, 2].isSorted() && ![2, 1].isSorted() && [1, 2, 3].sum() == 6 && [].sum() == 0 && [3, 1, 2].min() == 1 && ['a', 'c'].max() == 'c'",
            "[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2 && [1].indexOf(5) == -1 && [duration('1s'), duration('2s')].sum() == duration('3s')",
            "sets.contains([1, 2], [2]) && !sets.contains([1], [2]) && sets.equivalent([1, 2], [2, 1, 1]) && sets.intersects([1], [3, 1]) && !sets.intersects([1], [2])",
        ];
        for (const expr of truths) {
            it(expr, () => assert.equal(evaluate(expr), true));
        }

        const errors: [string, RegExp][] = [
            ["duration('3 seconds')", /unknown unit " seconds"/],
            ["duration('')", /invalid duration ""/],
            ["duration('1d')", /unknown unit "d"/],
            ["int(' 80')", /cannot convert " 80" to int/],
            ["int('0x10')", /cannot convert/],
            ["int('9223372036854775808')", /out of range/],
            ["url('example.com/x')", /invalid URI for request/],
            ["url('http://a b/')", /invalid character " " in host name/],
            ["ip('1.2.3')", /IPv4 address too short/],
            ["cidr('10.0.0.0')", /no '\/'/],
            ["[].min()", /must not be empty/],
        ];
        for (const [expr, message] of errors) {
            it(`${expr} fails`, () => {
                const result = evaluate(expr);
                assert.ok(result instanceof Error, `expected an error, got ${String(result)}`);
                assert.match(result.message, message);
            });
        }
    });

    describe("Go parsing semantics", () => {
        it("parseGoDuration sums h/m/s/ms/us/ns parts exactly", () => {
            fc.assert(
                fc.property(fc.nat(10_000), fc.nat(59), fc.nat(59), fc.nat(999), fc.nat(999), (h, m, s, ms, us) => {
                    const nanos = BigInt(h) * 3_600_000_000_000n + BigInt(m) * 60_000_000_000n + BigInt(s) * 1_000_000_000n + BigInt(ms) * 1_000_000n + BigInt(us) * 1_000n;
                    assert.equal(parseGoDuration(`${h}h${m}m${s}s${ms}ms${us}us`), nanos);
                    assert.equal(parseGoDuration(`-${h}h${m}m`), -(BigInt(h) * 3_600_000_000_000n + BigInt(m) * 60_000_000_000n));
                }),
                { numRuns: 200 },
            );
        });

        it("formatIP/parseIP round-trip every IPv4 and IPv6 address", () => {
            fc.assert(
                fc.property(fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })), (bytes) => {
                    const text = formatIP({ bytes });
                    if (bytes.length === 16 && text.startsWith("::ffff:") && text.includes(".")) return; // IPv4-mapped: rejected by design
                    assert.deepEqual(parseIP(text).bytes, bytes);
                    assert.equal(formatIP(parseIP(text)), text);
                }),
                { numRuns: 500 },
            );
        });

        it("formats IPv6 per RFC 5952 like Go", () => {
            assert.equal(formatIP(parseIP("2001:0db8:0000:0000:0001:0000:0000:0001")), "2001:db8::1:0:0:1");
            assert.equal(formatIP(parseIP("0:0:0:0:0:0:0:0")), "::");
            assert.equal(formatIP(parseIP("1:0:0:0:0:0:0:0")), "1::");
            assert.equal(formatIP(parseIP("2001:db8:0:1:1:1:1:1")), "2001:db8:0:1:1:1:1:1");
            assert.throws(() => parseIP("1::2::3"), /multiple ::/);
            assert.throws(() => parseIP("1:2:3:4:5:6:7:8::"), /at least one field of zeros/);
            assert.equal(parseCIDR("10.1.2.3/8").bits, 8);
        });

        it("parses URLs like Go's net/url", () => {
            assert.deepEqual(parseURL("HTTPS://user@example.com:443/a?b=c#frag"), {
                scheme: "https",
                opaque: "",
                host: "example.com:443",
                path: "/a",
                rawPath: "",
                rawQuery: "b=c",
            });
            assert.equal(parseURL("mailto:someone@example.com").opaque, "someone@example.com");
            assert.equal(urlEscapedPath(parseURL("http://x/a%2Fb")), "/a%2Fb");
            assert.ok(!isURL(""));
            assert.ok(!isURL("http://x/%zz"));
            assert.ok(isURL("*"));
        });
    });
});
