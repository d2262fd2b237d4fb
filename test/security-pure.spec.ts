import { strict as assert } from "assert";
import fc from "fast-check";
import { allowNothingPolicy, authorizationPolicy, AuthorizationPolicyArgs } from "../components/security/authorization-policy";
import { assertMtlsCompatible, tlsDisableFields } from "../components/security/destination-rule-tls";
import { httpPath, namespaceMatch, principal, spiffePrincipal, HTTP_METHODS } from "../components/security/match";
import { defaultPeerAuthentication, MtlsMode, workloadPeerAuthentication } from "../components/security/peer-authentication";

const orders = (rules: unknown[], extra: Record<string, unknown> = {}) =>
    ({ namespace: "default", selector: { matchLabels: { app: "orders" } }, rules, ...extra }) as AuthorizationPolicyArgs;

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) => schema.safeParse(value).success;

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
const trustDomain = fc.array(label, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("."));

describe("authorization policy builder", () => {
    it("writes callers as SPIFFE principals of the given trust domain, defaulting to the policy's namespace", () => {
        const policy = authorizationPolicy("orders-policy", orders([{
            callers: [{ serviceAccount: "api-gateway" }, { serviceAccount: "batch", namespace: "jobs" }],
        }]), "prod.example.com");
        assert.deepEqual((policy.spec.rules as any)[0].from, [{
            source: { principals: ["prod.example.com/ns/default/sa/api-gateway", "prod.example.com/ns/jobs/sa/batch"] },
        }]);
    });

    it("keeps Istio's own from entries next to callers and writes DENY and AUDIT actions", () => {
        const policy = authorizationPolicy("orders-deny", orders([{
            callers: [{ serviceAccount: "a" }],
            from: [{ source: { namespaces: ["legacy-*"] } }],
            to: [{ operation: { notPaths: ["/healthz"], notMethods: ["DELETE"], ports: [8080, "9090"] } }],
        }], { action: "DENY" }));
        assert.equal(policy.spec.action, "DENY");
        const [rule] = policy.spec.rules as any[];
        assert.deepEqual(rule.from, [
            { source: { principals: ["cluster.local/ns/default/sa/a"] } },
            { source: { namespaces: ["legacy-*"] } },
        ]);
        assert.deepEqual(rule.to[0].operation.ports, ["8080", "9090"], "Istio's ports are strings");
        assert.equal(authorizationPolicy("audit", orders([{ to: [{ operation: { paths: ["/admin/*"] } }] }], { action: "AUDIT" })).spec.action, "AUDIT");
    });

    it("the allow-nothing policy is an empty spec", () => {
        assert.deepEqual(allowNothingPolicy("shop"), {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-nothing", namespace: "shop" },
            spec: {},
        });
    });

    const bad: Array<[string, AuthorizationPolicyArgs, string]> = [
        ["a bare service account as principal", orders([{ from: [{ source: { principals: ["api-gateway"] } }] }]),
            `AuthorizationPolicy default/orders-policy: rules[0].from[0].source.principals[0]: expected a SPIFFE principal <trustDomain>/ns/<namespace>/sa/<serviceAccount>`],
        ["a lower-case method", orders([{ to: [{ operation: { methods: ["get"] } }] }]),
            `AuthorizationPolicy default/orders-policy: rules[0].to[0].operation.methods[0]: expected an upper-case HTTP method, one of GET, HEAD, POST`],
        ["a path without a leading slash", orders([{ to: [{ operation: { paths: ["orders"] } }] }]),
            `AuthorizationPolicy default/orders-policy: rules[0].to[0].operation.paths[0]: expected a path starting with "/"`],
        ["an ALLOW policy without rules", orders([]),
            "AuthorizationPolicy default/orders-policy: rules: an ALLOW policy needs at least one rule"],
        ["an empty ALLOW rule", orders([{}]),
            "AuthorizationPolicy default/orders-policy: rules[0]: an ALLOW rule without callers, from or to matches every request"],
        ["an empty source", orders([{ from: [{ source: {} }] }]),
            "AuthorizationPolicy default/orders-policy: rules[0].from[0].source: an empty source matches every caller"],
        ["an unknown action", orders([{ callers: [{ serviceAccount: "a" }] }], { action: "CUSTOMISE" }),
            `AuthorizationPolicy default/orders-policy: action: expected one of ALLOW, DENY, AUDIT, CUSTOM, got "CUSTOMISE"`],
        ["an unknown field", orders([{ to: [{ operation: { method: ["GET"] } }] }]),
            "AuthorizationPolicy default/orders-policy: rules[0].to[0].operation"],
        ["a wildcard in the middle of a path", orders([{ to: [{ operation: { paths: ["/orders/*/items"] } }] }]),
            "AuthorizationPolicy default/orders-policy: rules[0].to[0].operation.paths[0]"],
        ["port 0", orders([{ to: [{ operation: { ports: [0] } }] }]),
            "AuthorizationPolicy default/orders-policy: rules[0].to[0].operation.ports[0]: expected a port number from 1 to 65535"],
        ["an empty selector", { namespace: "default", selector: { matchLabels: {} }, rules: [{ callers: [{ serviceAccount: "a" }] }] },
            "AuthorizationPolicy default/orders-policy: selector.matchLabels: expected at least one label"],
    ];
    for (const [what, args, message] of bad) {
        it(`rejects ${what}, naming the policy and field`, () => {
            assert.throws(() => authorizationPolicy("orders-policy", args), (err: Error) => {
                assert.ok(err.message.includes(message), `expected:\n  ${message}\ngot:\n  ${err.message}`);
                return true;
            });
        });
    }

    it("allows an empty DENY rule (deny everything) but no empty ALLOW rule", () => {
        assert.doesNotThrow(() => authorizationPolicy("deny-all", orders([{}], { action: "DENY" })));
    });
});

describe("rule field validators", () => {
    it("every principal the component writes is in SPIFFE form", () => {
        fc.assert(fc.property(trustDomain, label, label, (td, ns, sa) => {
            assert.ok(ok(principal, spiffePrincipal(td, ns, sa)));
        }));
    });

    it("accepts Istio's wildcard forms of principals and nothing shorter than a SPIFFE identity", () => {
        for (const p of ["*", "cluster.local/*", "cluster.local/ns/default/*", "cluster.local/ns/default/sa/*", "*/sa/api-gateway", "*/ns/default/sa/api-gateway"]) {
            assert.ok(ok(principal, p), p);
        }
        for (const p of ["api-gateway", "default/api-gateway", "spiffe://cluster.local/ns/default/sa/x", "cluster.local/ns/default", "cluster.local/*/sa/x", "**", "cluster.local/ns/Default/sa/x"]) {
            assert.ok(!ok(principal, p), p);
        }
    });

    it("a principal with a wildcard anywhere but one end is rejected", () => {
        fc.assert(fc.property(trustDomain, label, label, fc.nat(), (td, ns, sa, at) => {
            const p = spiffePrincipal(td, ns, sa);
            const cut = 1 + (at % (p.length - 1));
            assert.ok(!ok(principal, `${p.slice(0, cut)}*${p.slice(cut)}`));
        }));
    });

    it("paths: a leading slash, one wildcard at an end, and Istio's {*} / {**} templates", () => {
        fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean(), (segments, prefix) => {
            const p = `/${segments.join("/")}${prefix ? "/*" : ""}`;
            assert.ok(ok(httpPath, p), p);
            assert.ok(!ok(httpPath, segments.join("/")), `${p} without its slash`);
        }));
        for (const p of ["*", "*.json", "/orders/{*}/items", "/static/{**}"]) assert.ok(ok(httpPath, p), p);
        for (const p of ["orders", "", "/a/*/b", "**", "/a/{x}"]) assert.ok(!ok(httpPath, p), p);
    });

    it("namespaces: a name with at most one wildcard at one end", () => {
        for (const n of ["default", "team-*", "*-prod", "*"]) assert.ok(ok(namespaceMatch, n), n);
        for (const n of ["Default", "a*b", "*a*", ""]) assert.ok(!ok(namespaceMatch, n), n);
    });

    it("methods: only the upper-case HTTP methods", () => {
        fc.assert(fc.property(fc.constantFrom(...HTTP_METHODS), (m) => {
            assert.doesNotThrow(() => authorizationPolicy("p", orders([{ to: [{ operation: { methods: [m] } }] }])));
            assert.throws(() => authorizationPolicy("p", orders([{ to: [{ operation: { methods: [m.toLowerCase()] } }] }])), /methods\[0\]/);
        }));
    });
});

describe("peer authentication builders", () => {
    it("writes `default` in a namespace for the mesh-wide and namespace modes", () => {
        assert.deepEqual(defaultPeerAuthentication("legacy", "PERMISSIVE").spec, { mtls: { mode: "PERMISSIVE" } });
        assert.equal(defaultPeerAuthentication("legacy", "PERMISSIVE").metadata.name, "default");
    });

    it("rejects mode STRICTER, naming the policy and field", () => {
        assert.throws(() => defaultPeerAuthentication("istio-system", "STRICTER" as MtlsMode),
            { message: `PeerAuthentication istio-system/default mtls.mode: expected one of STRICT, PERMISSIVE, DISABLE, got "STRICTER"` });
        assert.throws(() => workloadPeerAuthentication("db", { namespace: "shop", selector: { matchLabels: { app: "db" } }, mode: "STRICTER" as MtlsMode }),
            { message: `PeerAuthentication shop/db: mode: expected one of STRICT, PERMISSIVE, DISABLE, got "STRICTER"` });
    });

    it("writes a workload's port exemptions without their reasons, and inherits the mode when none is set", () => {
        const pa = workloadPeerAuthentication("orders-metrics", {
            namespace: "default",
            selector: { matchLabels: { app: "orders" } },
            portLevelMtls: { 9102: { mode: "DISABLE", reason: "scraped by a Prometheus outside the mesh" } },
        });
        assert.deepEqual(pa.spec, { selector: { matchLabels: { app: "orders" } }, portLevelMtls: { 9102: { mode: "DISABLE" } } });
    });

    it("an exemption needs a port, a mode and a reason", () => {
        const workload = (portLevelMtls: unknown) => ({ namespace: "default", selector: { matchLabels: { app: "orders" } }, portLevelMtls }) as any;
        assert.throws(() => workloadPeerAuthentication("x", workload({ 9102: { mode: "DISABLE" } })), /portLevelMtls\.9102\.reason/);
        assert.throws(() => workloadPeerAuthentication("x", workload({ 9102: { mode: "DISABLE", reason: " " } })), /every port exemption needs a reason/);
        assert.throws(() => workloadPeerAuthentication("x", workload({ 70000: { mode: "DISABLE", reason: "r" } })), /portLevelMtls\.70000: expected a port number/);
        assert.throws(() => workloadPeerAuthentication("x", workload({ 9102: { mode: "OFF", reason: "r" } })), /portLevelMtls\.9102\.mode: expected one of STRICT, PERMISSIVE, DISABLE/);
        assert.throws(() => workloadPeerAuthentication("x", workload(undefined)), /set mode or at least one portLevelMtls entry/);
    });
});

describe("DestinationRule TLS check", () => {
    const tls = fc.constantFrom("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL", undefined);
    const policy = fc.record({ tls, ports: fc.array(tls, { maxLength: 3 }) }).map(({ tls: mode, ports }) => ({
        ...(mode ? { tls: { mode } } : {}),
        portLevelSettings: ports.map((m, i) => ({ port: { number: 8000 + i }, ...(m ? { tls: { mode: m } } : {}) })),
    }));
    const rule = fc.record({ trafficPolicy: policy, subsets: fc.array(policy.map((trafficPolicy) => ({ name: "v", trafficPolicy })), { maxLength: 3 }) });

    it("in a STRICT mesh finds every DISABLE, in a PERMISSIVE one none", () => {
        fc.assert(fc.property(rule, (spec) => {
            const disables = (JSON.stringify(spec).match(/"DISABLE"/g) ?? []).length;
            assert.equal(tlsDisableFields("STRICT", spec).length, disables);
            assert.deepEqual(tlsDisableFields("PERMISSIVE", spec), []);
        }));
    });

    it("names the rule and field, and lets auto mTLS (no tls) through", () => {
        assert.throws(() => assertMtlsCompatible("STRICT", "orders", { host: "orders", subsets: [{ name: "v1", trafficPolicy: { tls: { mode: "DISABLE" } } }] }),
            /^ArgsError: DestinationRule orders: subsets\[0\]\.trafficPolicy\.tls\.mode: DISABLE sends plain text/);
        assert.doesNotThrow(() => assertMtlsCompatible("STRICT", "orders", { host: "orders", trafficPolicy: { connectionPool: { tcp: { maxConnections: 100 } } } }));
    });
});
