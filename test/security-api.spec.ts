import { strict as assert } from "assert";
import { authorizationPolicy, mtlsDisableWarnings, requestAuthentication, workloadPeerAuthentication } from "../components/index";
import { ArgsError } from "../components/common/parse-args";
import { parseEnvironment } from "../stacks/load";
import { meshConfigOf } from "../stacks/mesh-config";
import { assertExampleProduces } from "./helpers/golden";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { assertProblem, configProblems } from "./helpers/problems";

describe("security: JWT, conditions, namespace-wide and CUSTOM policies, DISABLE", () => {
    it("writes a RequestAuthentication with jwksUri, forwardOriginalToken and outputClaimToHeaders, valid against the CRD", () => {
        const object = requestAuthentication("jwt", { namespace: "foo", selector: { matchLabels: { app: "httpbin" } }, jwtRules: [{
            issuer: "testing@secure.istio.io", jwksUri: "https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json",
            forwardOriginalToken: true, outputClaimToHeaders: [{ header: "x-jwt-claim-foo", claim: "foo" }],
        }] });
        assertValidIstioObject(object);
        assert.throws(() => requestAuthentication("jwt", { namespace: "foo", jwtRules: [{ issuer: "i", jwks: "not json" }] }),
            (e: unknown) => e instanceof ArgsError && e.problems.some((p) => p.startsWith("jwtRules[0].jwks: expected a JSON Web Key Set")));
    });

    it("writes when, requestPrincipals, ipBlocks, hosts and notPaths, and a namespace-wide policy without selector", () => {
        const object = authorizationPolicy("p", { namespace: "foo", action: "DENY", rules: [{
            from: [{ source: { notRequestPrincipals: ["*"], remoteIpBlocks: ["1.2.3.4/32"] } }],
            to: [{ operation: { hosts: ["httpbin.example.com"], ports: ["8000"], notPaths: ["/healthz"] } }],
            when: [{ key: "request.auth.claims[groups]", values: ["group1"] }],
        }] });
        assert.equal(object.spec.selector, undefined);
        assertValidIstioObject(object);
    });

    it("CUSTOM needs a provider, and rules", () => {
        assert.throws(() => authorizationPolicy("p", { namespace: "foo", action: "CUSTOM", rules: [{ to: [{ operation: { paths: ["/x"] } }] }] }),
            (e: unknown) => e instanceof ArgsError && e.problems.some((p) => p.startsWith("provider: CUSTOM needs provider")));
        assertValidIstioObject(authorizationPolicy("p", { namespace: "foo", action: "CUSTOM", provider: { name: "ext" }, rules: [{ to: [{ operation: { paths: ["/headers"] } }] }] }));
    });

    it("dryRun writes the istio.io/dry-run annotation, for ALLOW and DENY only", () => {
        const object = authorizationPolicy("p", { namespace: "foo", action: "DENY", dryRun: true, rules: [{ to: [{ operation: { paths: ["/headers"] } }] }] });
        assert.deepEqual(object.metadata.annotations, { "istio.io/dry-run": "true" });
        assertValidIstioObject(object);
        assert.equal(authorizationPolicy("p", { namespace: "foo", dryRun: false, rules: [{ to: [{ operation: { paths: ["/x"] } }] }] }).metadata.annotations, undefined);
        assertProblem(configProblems({ profile: "demo", security: { authorization: { policies: { p: {
            namespace: "foo", action: "AUDIT", dryRun: true, rules: [{ to: [{ operation: { paths: ["/x"] } }] }] } } } } }),
        "istio-mesh:security.authorization.policies.p.dryRun: Istio dry-runs ALLOW and DENY policies only, not AUDIT");
    });

    it("PeerAuthentication DISABLE for a workload or namespace is written, with a warning", () => {
        assertValidIstioObject(workloadPeerAuthentication("legacy", { namespace: "foo", selector: { matchLabels: { app: "legacy" } }, mode: "DISABLE" }));
        assert.deepEqual(mtlsDisableWarnings({ namespaces: { old: { mode: "DISABLE" } }, workloads: { legacy: { namespace: "foo", selector: { matchLabels: { app: "x" } }, mode: "DISABLE" } } })
            .map((w) => w.split(":")[0]), ["mTLS is DISABLEd for namespace old", "mTLS is DISABLEd for workload policy foo/legacy"]);
    });

    it("stack config: a CUSTOM policy's provider must be declared in security.extAuthz, which goes to meshConfig.extensionProviders", () => {
        const policy = { namespace: "foo", action: "CUSTOM", provider: { name: "sample-ext-authz-http" }, rules: [{ to: [{ operation: { paths: ["/headers"] } }] }] };
        assertProblem(configProblems({ profile: "demo", security: { authorization: { policies: { "ext-authz": policy } } } }),
            "istio-mesh:security.authorization.policies.ext-authz.provider.name: sample-ext-authz-http is not an extension provider of istio-mesh:security.extAuthz (declared: none)");
        const env = parseEnvironment({ profile: "demo", security: {
            extAuthz: { "sample-ext-authz-http": { envoyExtAuthzHttp: { service: "ext-authz.foo.svc.cluster.local", port: 8000, includeRequestHeadersInCheck: ["x-ext-authz"] } } },
            authorization: { policies: { "ext-authz": policy } },
        } });
        assert.deepEqual(meshConfigOf(env).extensionProviders.at(-1), {
            name: "sample-ext-authz-http", envoyExtAuthzHttp: { service: "ext-authz.foo.svc.cluster.local", port: 8000, includeRequestHeadersInCheck: ["x-ext-authz"] },
        });
    });
});

// istio.io, Tasks > Security (1.30): the YAML the pages apply, written out here, against README's config.
describe("security task pages as stack config (README examples)", () => {
    it("Authorization with JWT: a RequestAuthentication and an ALLOW policy for one request principal with a groups claim", async () => {
        await assertExampleProduces("authz-jwt", [
            { kind: "RequestAuthentication", name: "jwt-example", namespace: "foo", spec: {
                selector: { matchLabels: { app: "httpbin" } },
                jwtRules: [{ issuer: "testing@secure.istio.io", jwksUri: "https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json" }] } },
            { kind: "AuthorizationPolicy", name: "require-jwt", namespace: "foo", spec: {
                selector: { matchLabels: { app: "httpbin" } },
                rules: [{ from: [{ source: { requestPrincipals: ["testing@secure.istio.io/testing@secure.istio.io"] } }],
                    when: [{ key: "request.auth.claims[groups]", values: ["group1"] }] }] } },
        ]);
    });

    it("External Authorization: a CUSTOM policy for /headers, its provider in meshConfig", async () => {
        await assertExampleProduces("authz-custom", [
            { kind: "AuthorizationPolicy", name: "ext-authz", namespace: "foo", spec: {
                selector: { matchLabels: { app: "httpbin" } }, action: "CUSTOM", provider: { name: "sample-ext-authz-grpc" },
                rules: [{ to: [{ operation: { paths: ["/headers"] } }] }] } },
        ]);
    });

    it("Authorization policies: allow-nothing for namespace foo", async () => {
        await assertExampleProduces("authz-allow-nothing", [{ kind: "AuthorizationPolicy", name: "allow-nothing", namespace: "foo", spec: {} }]);
    });
});
