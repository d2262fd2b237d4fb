import { strict as assert } from "assert";
import { gateway, gatewayCertificates, MeshIngress, workloadSidecar } from "../components/index";
import { ArgsError } from "../components/common/parse-args";
import { assertExampleProduces, objectOf } from "./helpers/golden";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { readStackFile, runProgram } from "./helpers/mock-program";
import { assertProblem, configProblems } from "./helpers/problems";
import { normalizeSpec } from "./helpers/readme-examples";

const HTTPS = { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["myapp.example.com"], tls: { mode: "SIMPLE" as const, credentialName: "myapp-tls" } };
const REDIRECT = { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["myapp.example.com"], tls: { httpsRedirect: true } };

describe("ingress builders", () => {
    it("writes a Gateway with HTTPS (SIMPLE, credentialName) and the HTTP to HTTPS redirect, valid against the CRD", () => {
        const object = gateway("myapp", { namespace: "istio-ingress", selector: { istio: "ingressgateway" }, servers: [HTTPS, REDIRECT] });
        assert.deepEqual(object.spec, { selector: { istio: "ingressgateway" }, servers: [HTTPS, REDIRECT] });
        assertValidIstioObject(object);
    });

    it("writes one cert-manager Certificate per credentialName, for the servers' hosts", () => {
        const [cert, ...rest] = gatewayCertificates("myapp", "istio-ingress", [HTTPS, REDIRECT], { issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" } });
        assert.equal(rest.length, 0);
        assert.deepEqual(cert, {
            apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "myapp-tls", namespace: "istio-ingress" },
            spec: { secretName: "myapp-tls", dnsNames: ["myapp.example.com"], issuerRef: { name: "letsencrypt", kind: "ClusterIssuer", group: "cert-manager.io" } },
        });
    });

    const bad: Array<[string, () => unknown, string]> = [
        ["HTTPS without a TLS mode", () => gateway("g", { namespace: "x", selector: { istio: "ingressgateway" }, servers: [{ ...HTTPS, tls: {} }] }),
            "servers[0].tls.mode: a HTTPS server needs tls.mode"],
        ["SIMPLE without a credential", () => gateway("g", { namespace: "x", selector: { istio: "ingressgateway" }, servers: [{ ...HTTPS, tls: { mode: "SIMPLE" } }] }),
            "servers[0].tls.credentialName: SIMPLE needs credentialName"],
        ["TLS on a plain HTTP server", () => gateway("g", { namespace: "x", selector: { istio: "ingressgateway" }, servers: [{ ...REDIRECT, tls: { mode: "SIMPLE", credentialName: "c" } }] }),
            "servers[0].tls.mode: a HTTP server does not do TLS"],
        ["an empty selector", () => gateway("g", { namespace: "x", selector: {}, servers: [HTTPS] }), "selector: expected at least one label"],
    ];
    for (const [what, build, message] of bad) {
        it(`rejects ${what}, naming the field`, () => {
            assert.throws(build, (err: unknown) => err instanceof ArgsError && err.problems.some((p) => p.startsWith(message)));
        });
    }

    it("a certificate for a server that serves \"*\" is refused, and the component registers nothing", () => {
        assert.throws(() => new MeshIngress("ingress", { gateways: { g: {
            namespace: "x", selector: { istio: "ingressgateway" }, servers: [{ ...HTTPS, hosts: ["*"] }], certificate: { issuerRef: { name: "i", kind: "Issuer" } },
        } } }), /serves "\*"; a certificate needs named hosts/);
    });
});

describe("Sidecar ingress listeners", () => {
    const files = { serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" };
    const external = (tls: Record<string, unknown>) => ({ port: { number: 9080, protocol: "HTTPS", name: "external" }, defaultEndpoint: "0.0.0.0:80", tls });
    const sidecar = (listener: Record<string, unknown>) => ({ namespace: "test", workloadSelector: { labels: { app: "httpbin" } }, ingress: [listener] });

    it("writes SIMPLE TLS terminated by the proxy, valid against the CRD", () => {
        const object = workloadSidecar("ingress-sidecar", sidecar(external({ mode: "SIMPLE", ...files })) as never);
        assert.deepEqual(object.spec, { workloadSelector: { labels: { app: "httpbin" } }, ingress: [external({ mode: "SIMPLE", ...files })] });
        assertValidIstioObject(object);
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
        ["credentialName, which sidecars do not read", external({ mode: "SIMPLE", ...files, credentialName: "httpbin-credential" }),
            "ingress[0].tls.credentialName: unknown key; allowed here: mode, serverCertificate, privateKey, caCertificates"],
        ["MUTUAL without the CA of the clients", external({ mode: "MUTUAL", ...files }), "ingress[0].tls.caCertificates: MUTUAL needs caCertificates"],
        ["a mode a sidecar does not terminate", external({ mode: "PASSTHROUGH", ...files }), "ingress[0].tls.mode: expected one of SIMPLE, MUTUAL"],
        ["TLS on a plain HTTP listener", { ...external({ mode: "SIMPLE", ...files }), port: { number: 9080, protocol: "HTTP", name: "external" } },
            "ingress[0].port.protocol: a listener that terminates TLS serves HTTPS or TLS, not HTTP"],
        ["a relative certificate path", external({ mode: "SIMPLE", ...files, privateKey: "tls.key" }), "ingress[0].tls.privateKey: expected an absolute path"],
        ["an endpoint that is no address", { ...external({ mode: "SIMPLE", ...files }), defaultEndpoint: "httpbin:80" }, "ingress[0].defaultEndpoint: expected <IP>:<port>"],
    ];
    for (const [what, listener, message] of bad) {
        it(`rejects ${what}, naming the field`, () => {
            assert.throws(() => workloadSidecar("s", sidecar(listener) as never),
                (err: unknown) => err instanceof ArgsError && err.problems.some((p) => p.startsWith(message)) || assert.fail(String((err as ArgsError).problems ?? err)));
        });
    }

    it("in stack config: a refused listener is one more problem, and a name may not take the namespace's own Sidecar's", () => {
        assertProblem(configProblems({ profile: "demo", ingress: { sidecars: { s: sidecar(external({ mode: "MUTUAL", ...files })) } } }),
            "istio-mesh:ingress.sidecars.s.ingress[0].tls.caCertificates: MUTUAL needs caCertificates");
        assertProblem(configProblems({
            profile: "demo",
            egress: { sidecars: { test: { egress: [{ hosts: ["./*"] }] } } },
            ingress: { sidecars: { default: sidecar(external({ mode: "SIMPLE", ...files })) } },
        }), "istio-mesh:ingress.sidecars.default: is the name of namespace test's Sidecar");
    });

    it("turns on istiod's ENABLE_TLS_ON_SIDECAR_INGRESS when, and only when, a listener terminates TLS", async () => {
        const istiodEnv = async (listener: Record<string, unknown>) => {
            const run = await runProgram({ "istio-mesh:profile": "demo", "istio-mesh:demo": { enabled: false },
                "istio-mesh:ingress": { sidecars: { s: sidecar(listener) } } });
            return run.resources.find((r) => r.name === "istio-istiod")!.inputs.values.env;
        };
        assert.deepEqual(await istiodEnv(external({ mode: "SIMPLE", ...files })), { ENABLE_TLS_ON_SIDECAR_INGRESS: "true" });
        assert.equal(await istiodEnv({ port: { number: 9081, protocol: "HTTP", name: "internal" } }), undefined);
    });
});

describe("ingress in stack config", () => {
    it("a service binds only to a declared Gateway, and exports its rules to the gateway's namespace", () => {
        assertProblem(configProblems({ profile: "demo", services: { myapp: { namespace: "default", gateways: ["istio-ingress/nope", "mesh"] } } }),
            "istio-mesh:services.myapp.gateways[0]: istio-ingress/nope is not a Gateway of istio-mesh:ingress.gateways or istio-mesh:egress.gateways (declared: none)");
        assertProblem(configProblems({
            profile: "demo",
            ingress: { gateways: { g: { servers: [REDIRECT] } } },
            services: { myapp: { namespace: "default", gateways: ["istio-ingress/g"], exportTo: ["."] } },
        }), "istio-mesh:services.myapp.exportTo: must include istio-ingress");
    });

    it("rules bound to a Gateway outside its pods' namespace are exported to the pods' namespace too, or refused when exportTo leaves it out", async () => {
        const config = {
            ingress: { gateways: { g: { namespace: "default", servers: [REDIRECT] } } },
            services: { myapp: { namespace: "default", hosts: ["myapp.example.com"], gateways: ["g"] } },
        };
        const run = await runProgram({ "istio-mesh:profile": "demo", "istio-mesh:demo": { enabled: false },
            "istio-mesh:ingress": config.ingress, "istio-mesh:services": config.services });
        for (const kind of ["VirtualService", "DestinationRule"]) {
            assert.deepEqual(objectOf(run, kind, "myapp", "default").inputs.spec.exportTo, [".", "istio-ingress"], `${kind}: the gateway pods run in istio-ingress`);
        }
        assertProblem(configProblems({ profile: "demo", ...config, services: { myapp: { ...config.services.myapp, exportTo: ["."] } } }),
            "istio-mesh:services.myapp.exportTo: must include istio-ingress: the gateway pods there see only the rules exported to their namespace");
    });

    it("\"*\" as a host is only for gateways, never the sidecars", () => {
        assertProblem(configProblems({ profile: "demo", services: { myapp: { namespace: "default", hosts: ["*"] } } }),
            "istio-mesh:services.myapp.hosts: \"*\" is only for gateways");
    });

    it("a certificate needs the stack's cert-manager (security.ca.enabled)", () => {
        assertProblem(configProblems({
            profile: "demo",
            ingress: { gateways: { g: { servers: [HTTPS], certificate: { issuerRef: { name: "i", kind: "ClusterIssuer" } } } } },
        }), "istio-mesh:ingress.gateways.g.certificate: needs cert-manager");
    });

    it("prod exposes myapp through the installed ingress gateway: HTTPS, a redirect from HTTP, and the canary and circuit breaker at the edge", async () => {
        const run = await runProgram(readStackFile("prod"), "prod");
        const gw = objectOf(run, "Gateway", "myapp-gateway", "istio-ingress");
        assertValidIstioObject(gw.inputs);
        assert.deepEqual(gw.inputs.spec, { selector: { istio: "ingressgateway" }, servers: [HTTPS, REDIRECT] });
        const vs = objectOf(run, "VirtualService", "myapp", "default").inputs.spec;
        assert.deepEqual([vs.hosts, vs.gateways, vs.exportTo], [["myapp.default.svc.cluster.local", "myapp.example.com"], ["istio-ingress/myapp-gateway", "mesh"], [".", "istio-ingress"]]);
        assert.deepEqual(vs.http.at(-1).route.map((r: { weight: number }) => r.weight), [90, 10], "the canary split, at the edge too");
        const dr = objectOf(run, "DestinationRule", "myapp", "default").inputs.spec;
        assert.deepEqual(dr.exportTo, [".", "istio-ingress"], "the gateway applies the circuit breaker");
        assert.ok(dr.trafficPolicy.outlierDetection);
    });
});

/**
 * What a VirtualService of the project holds of a sample's gateway-bound
 * VirtualService: its hosts (next to the service's own), its gateways, and its
 * routes, ahead of the service's default route. Not the same object: the
 * sample answers 404 for a path no route matches, the service's default
 * route sends it to the service.
 */
function assertHoldsGatewayRoutes(produced: Record<string, any>, sample: Record<string, any>): void {
    const expected = normalizeSpec(sample) as Record<string, any>;
    for (const h of expected.hosts) assert.ok(produced.hosts.includes(h), `host ${h}`);
    assert.deepEqual(produced.gateways, expected.gateways);
    assert.deepEqual(produced.http.slice(0, expected.http.length), expected.http);
}

describe("ingress samples and task pages as stack config (README examples)", () => {
    it("Bookinfo bookinfo-gateway.yaml: the Gateway exactly; the VirtualService's hosts, gateway and routes", async () => {
        const run = await assertExampleProduces("bookinfo-gateway", [
            { kind: "Gateway", name: "bookinfo-gateway", spec: {
                selector: { istio: "ingressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }] } },
        ]);
        assertHoldsGatewayRoutes(objectOf(run, "VirtualService", "productpage", "default").inputs.spec, {
            hosts: ["*"],
            gateways: ["bookinfo-gateway"],
            http: [{
                match: [{ uri: { exact: "/productpage" } }, { uri: { prefix: "/static" } }, { uri: { exact: "/login" } }, { uri: { exact: "/logout" } },
                    { uri: { prefix: "/api/v1/products" } }],
                route: [{ destination: { host: "productpage", port: { number: 9080 } } }],
            }],
        });
    });

    it("Secure Gateways (istio.io): HTTPS SIMPLE with credentialName for httpbin.example.com", async () => {
        const run = await assertExampleProduces("secure-gateway", [
            { kind: "Gateway", name: "mygateway", namespace: "istio-ingress", spec: {
                selector: { istio: "ingressgateway" },
                servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, tls: { mode: "SIMPLE", credentialName: "httpbin-credential" },
                    hosts: ["httpbin.example.com"] }] } },
        ]);
        assertHoldsGatewayRoutes(objectOf(run, "VirtualService", "httpbin", "default").inputs.spec, {
            hosts: ["httpbin.example.com"],
            gateways: ["istio-ingress/mygateway"],
            http: [{ match: [{ uri: { prefix: "/status" } }, { uri: { prefix: "/delay" } }], route: [{ destination: { port: { number: 8000 }, host: "httpbin" } }] }],
        });
    });
});
