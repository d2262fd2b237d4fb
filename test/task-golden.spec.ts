import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";
import { assertConfigProduces, assertExampleProduces, Expected } from "./helpers/golden";
import { readmeExample } from "./helpers/readme-examples";

// istio.io's task pages (Traffic Management, its Egress group, Security), read from istio/istio.io in the
// public index (each page at the commit named; the index holds one version per page, not always the
// release-1.30 one, so deprecated fields the page still writes are read as their successors:
// `percent` and `mirrorPercent` as percentages). Each Istio object a page applies (VirtualService,
// DestinationRule, Gateway, ServiceEntry, Sidecar, PeerAuthentication, AuthorizationPolicy,
// RequestAuthentication, Telemetry) is written out below, not read from the page, against the stack
// config README shows for it. The pages' Deployments, Services, Secrets and ConfigMaps are the
// workloads the objects apply to, not mesh config: out of scope. Where an entry says `covered by`, another
// spec holds its golden; where it says `missing`, nothing checks it yet, and the entry says why.

// The gateway pods' namespaces (the installed ingress and egress gateways'), where rules they apply must be exported.
const atIngress = [".", "istio-ingress"];
const atEgress = [".", "istio-system"];
const subsets = (...versions: string[]) => versions.map((v) => ({ name: v, labels: { version: v } }));
const to = (host: string, subset: string) => ({ destination: { host, subset } });
const policy = (name: string, namespace: string, spec: object, annotations?: Record<string, string>): Expected =>
    ({ kind: "AuthorizationPolicy", name, namespace, spec: spec as Record<string, unknown>, ...(annotations && { annotations }) });
const httpbin = { matchLabels: { app: "httpbin" } };
// The pages' {{< github_file >}} link, as istio.io renders it for release 1.30.
const JWKS = "https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json";

/** One state of a page's objects: README's example, or (for a later step of the same page) that example changed as the page changes it. */
interface Step {
    title: string;
    example: string;
    change?: (config: Record<string, any>) => void;
    expected: Expected[];
}

interface Page {
    /** Path below content/en/docs/tasks/ in istio/istio.io. */
    page: string;
    commit?: string;
    objects: string;
    steps?: Step[];
    coveredBy?: string;
    /** What of the page nothing checks, and why (next to `steps` when only a section is missing). */
    missing?: string;
}

const egressGatewayDestinationRule: Expected = { kind: "DestinationRule", name: "egressgateway-for-cnn", spec: {
    host: "istio-egressgateway.istio-system.svc.cluster.local", subsets: [{ name: "cnn" }] } };
const egressGatewayHost = "istio-egressgateway.istio-system.svc.cluster.local";
// HTTP on port 80 from the sidecars to the egress gateway, and on from it to edition.cnn.com's `upstreamPort`.
const cnnThroughEgressGateway = (upstreamPort: number): Expected => ({ kind: "VirtualService", name: "direct-cnn-through-egress-gateway", exportTo: atEgress, spec: {
    hosts: ["edition.cnn.com"], gateways: ["istio-egressgateway", "mesh"],
    http: [
        { match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: egressGatewayHost, subset: "cnn", port: { number: 80 } }, weight: 100 }] },
        { match: [{ gateways: ["istio-egressgateway"], port: 80 }], route: [{ destination: { host: "edition.cnn.com", port: { number: upstreamPort } }, weight: 100 }] },
    ] } });

const PAGES: Page[] = [
    { page: "traffic-management/request-routing", objects: "Bookinfo virtual-service-all-v1, virtual-service-reviews-test-v2",
        coveredBy: "test/bookinfo-golden.spec.ts" },
    { page: "traffic-management/fault-injection", objects: "Bookinfo virtual-service-all-v1, -reviews-test-v2, -ratings-test-delay, -ratings-test-abort",
        coveredBy: "test/bookinfo-golden.spec.ts" },
    { page: "traffic-management/traffic-shifting", objects: "Bookinfo virtual-service-all-v1, -reviews-50-v3, -reviews-v3",
        coveredBy: "test/bookinfo-golden.spec.ts" },
    {
        page: "traffic-management/tcp-traffic-shifting", commit: "0d65b3888de7ac195812b8005b33b4af892a717b",
        objects: "samples/tcp-echo (istio 1.30.3) tcp-echo-all-v1.yaml: Gateway tcp-echo-gateway, DestinationRule tcp-echo-destination, VirtualService tcp-echo; tcp-echo-20-v2.yaml: VirtualService tcp-echo",
        steps: (() => {
            const namespace = "istio-io-tcp-traffic-shifting";
            const route = (weights: Record<string, number>) => Object.entries(weights).map(([subset, weight]) =>
                ({ destination: { host: "tcp-echo", port: { number: 9000 }, subset }, ...(Object.keys(weights).length > 1 && { weight }) }));
            const vs = (weights: Record<string, number>): Expected => ({ kind: "VirtualService", name: "tcp-echo", namespace, serviceHostFirst: true, exportTo: atIngress,
                spec: { hosts: ["*"], gateways: ["tcp-echo-gateway"], tcp: [{ match: [{ port: 31400 }], route: route(weights) }] } });
            return [{
                title: "tcp-echo-all-v1.yaml", example: "task/tcp-traffic-shifting",
                change: (c) => { c["istio-mesh:services"]["tcp-echo"].tcp[0].route = [{ destination: { port: { number: 9000 }, subset: "v1" } }]; },
                expected: [
                    { kind: "Gateway", name: "tcp-echo-gateway", namespace, spec: {
                        selector: { istio: "ingressgateway" }, servers: [{ port: { number: 31400, name: "tcp", protocol: "TCP" }, hosts: ["*"] }] } },
                    { kind: "DestinationRule", name: "tcp-echo-destination", producedAs: "tcp-echo", namespace, exportTo: atIngress, spec: { host: "tcp-echo", subsets: subsets("v1", "v2") } },
                    vs({ v1: 100 }),
                ],
            }, { title: "tcp-echo-20-v2.yaml", example: "task/tcp-traffic-shifting", expected: [vs({ v1: 80, v2: 20 })] }];
        })(),
    },
    {
        page: "traffic-management/request-timeouts", commit: "071960af307ad2ebba100a6e3efb22a0356c546d",
        objects: "VirtualService reviews (v2), VirtualService ratings (2s delay), VirtualService reviews (v2, timeout 0.5s)",
        steps: [{
            title: "reviews to v2 and a 2 s delay to ratings", example: "task/request-timeouts",
            change: (c) => { delete c["istio-mesh:services"].reviews.timeout; },
            expected: [
                { kind: "VirtualService", name: "reviews", spec: { hosts: ["reviews"], http: [{ route: [to("reviews", "v2")] }] } },
                { kind: "VirtualService", name: "ratings", spec: { hosts: ["ratings"], http: [{
                    fault: { delay: { percent: 100, fixedDelay: "2s" } }, route: [to("ratings", "v1")] }] } },
            ],
        }, {
            title: "a half-second timeout on reviews", example: "task/request-timeouts",
            expected: [{ kind: "VirtualService", name: "reviews", spec: { hosts: ["reviews"], http: [{ route: [to("reviews", "v2")], timeout: "0.5s" }] } }],
        }],
    },
    {
        page: "traffic-management/circuit-breaking", commit: "8a1f71c5254bf113684958b6a0af922307138614", objects: "DestinationRule httpbin",
        steps: [{ title: "the httpbin circuit breaker", example: "task/circuit-breaking", expected: [{ kind: "DestinationRule", name: "httpbin", spec: {
            host: "httpbin",
            trafficPolicy: {
                connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } },
                outlierDetection: { consecutive5xxErrors: 1, interval: "1s", baseEjectionTime: "3m", maxEjectionPercent: 100 },
            } } }] }],
    },
    {
        page: "traffic-management/mirroring", commit: "06913341a3b37a38ea5a0c4b572c46b75e23af90",
        objects: "VirtualService httpbin and DestinationRule httpbin (all to v1), VirtualService httpbin (mirrored to v2)",
        steps: [{
            title: "all traffic to v1", example: "task/mirroring",
            change: (c) => { delete c["istio-mesh:services"].httpbin.mirror; delete c["istio-mesh:services"].httpbin.mirrorPercentage; },
            expected: [
                { kind: "VirtualService", name: "httpbin", spec: { hosts: ["httpbin"], http: [{ route: [{ ...to("httpbin", "v1"), weight: 100 }] }] } },
                { kind: "DestinationRule", name: "httpbin", spec: { host: "httpbin", subsets: subsets("v1", "v2") } },
            ],
        }, {
            title: "mirrored to v2", example: "task/mirroring",
            expected: [{ kind: "VirtualService", name: "httpbin", spec: { hosts: ["httpbin"], http: [{
                route: [{ ...to("httpbin", "v1"), weight: 100 }], mirror: { host: "httpbin", subset: "v2" }, mirrorPercent: 100 }] } }],
        }],
    },
    {
        page: "traffic-management/locality-load-balancing/failover", commit: "16b7a83fd91635a51c9d47cfb7be79c732537626", objects: "DestinationRule helloworld (namespace sample)",
        steps: [{ title: "failover from region1 to region2", example: "task/locality-failover", expected: [{ kind: "DestinationRule", name: "helloworld", namespace: "sample", spec: {
            host: "helloworld.sample.svc.cluster.local",
            trafficPolicy: {
                connectionPool: { http: { maxRequestsPerConnection: 1 } },
                loadBalancer: { simple: "ROUND_ROBIN", localityLbSetting: { enabled: true, failover: [{ from: "region1", to: "region2" }] } },
                outlierDetection: { consecutive5xxErrors: 1, interval: "1s", baseEjectionTime: "10m" },
            } } }] }],
    },
    {
        page: "traffic-management/locality-load-balancing/distribute", commit: "348b52cdf13adfb37a20debdb1b4c784acf2dbd6", objects: "DestinationRule helloworld (namespace sample)",
        steps: [{ title: "70/20/10 across zones", example: "task/locality-distribute", expected: [{ kind: "DestinationRule", name: "helloworld", namespace: "sample", spec: {
            host: "helloworld.sample.svc.cluster.local",
            trafficPolicy: {
                loadBalancer: { localityLbSetting: { enabled: true, distribute: [{ from: "region1/zone1/*",
                    to: { "region1/zone1/*": 70, "region1/zone2/*": 20, "region3/zone4/*": 10 } }] } },
                outlierDetection: { consecutive5xxErrors: 100, interval: "1s", baseEjectionTime: "1m" },
            } } }] }],
    },
    {
        page: "traffic-management/ingress/ingress-control", commit: "021a4682bd37d71e85ea9a46adf1245575bcc36c",
        objects: "Gateway httpbin-gateway and VirtualService httpbin, for httpbin.example.com, then for any host (the browser variant)",
        steps: (() => {
            const gateway = (host: string): Expected => ({ kind: "Gateway", name: "httpbin-gateway", spec: {
                selector: { istio: "ingressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [host] }] } });
            const vs = (host: string, prefixes: string[]): Expected => ({ kind: "VirtualService", name: "httpbin", serviceHostFirst: true, exportTo: atIngress, spec: {
                hosts: [host], gateways: ["httpbin-gateway"],
                http: [{ match: prefixes.map((prefix) => ({ uri: { prefix } })), route: [{ destination: { port: { number: 8000 }, host: "httpbin" } }] }] } });
            return [
                { title: "/status and /delay at httpbin.example.com", example: "ingress-control",
                    expected: [gateway("httpbin.example.com"), vs("httpbin.example.com", ["/status", "/delay"])] },
                { title: "/headers for any host", example: "ingress-control", change: (c: Record<string, any>) => {
                    c["istio-mesh:ingress"].gateways["httpbin-gateway"].servers[0].hosts = ["*"];
                    Object.assign(c["istio-mesh:services"].httpbin, { hosts: ["*"] });
                    c["istio-mesh:services"].httpbin.routes[0].match = [{ uri: { prefix: "/headers" } }];
                }, expected: [gateway("*"), vs("*", ["/headers"])] },
            ];
        })(),
    },
    {
        // The first step (one SIMPLE server, VirtualService httpbin) is checked in test/ingress.spec.ts.
        page: "traffic-management/ingress/secure-ingress", commit: "00080e1af00a917aacf231fe32c15a18dc0c2490",
        objects: "Gateway mygateway (SIMPLE), VirtualService httpbin; Gateway mygateway for two hosts, VirtualService helloworld-v1; Gateway mygateway (MUTUAL)",
        steps: (() => {
            const server = (name: string, mode: string, credentialName: string, host: string) => ({
                port: { number: 443, name, protocol: "HTTPS" }, tls: { mode, credentialName }, hosts: [host] });
            const gateway = (...servers: object[]): Expected => ({ kind: "Gateway", name: "mygateway", spec: { selector: { istio: "ingressgateway" }, servers } });
            // The page applies its Gateway next to its routes, in default.
            const inDefault = (c: Record<string, any>) => {
                c["istio-mesh:ingress"].gateways.mygateway.namespace = "default";
                c["istio-mesh:services"].httpbin.gateways = ["mygateway"];
            };
            return [{
                title: "a TLS ingress gateway for two hosts", example: "secure-gateway",
                change: (c: Record<string, any>) => {
                    inDefault(c);
                    c["istio-mesh:ingress"].gateways.mygateway.servers = [
                        server("https-httpbin", "SIMPLE", "httpbin-credential", "httpbin.example.com"),
                        server("https-helloworld", "SIMPLE", "helloworld-credential", "helloworld-v1.example.com")];
                    c["istio-mesh:services"]["helloworld-v1"] = { namespace: "default", hosts: ["helloworld-v1.example.com"], gateways: ["mygateway"], defaultRoute: false,
                        routes: [{ match: [{ uri: { exact: "/hello" } }], route: [{ destination: { port: { number: 5000 } } }] }] };
                },
                expected: [
                    gateway(server("https-httpbin", "SIMPLE", "httpbin-credential", "httpbin.example.com"),
                        server("https-helloworld", "SIMPLE", "helloworld-credential", "helloworld-v1.example.com")),
                    { kind: "VirtualService", name: "helloworld-v1", serviceHostFirst: true, exportTo: atIngress, spec: { hosts: ["helloworld-v1.example.com"], gateways: ["mygateway"], http: [{
                        match: [{ uri: { exact: "/hello" } }], route: [{ destination: { host: "helloworld-v1", port: { number: 5000 } } }] }] } },
                ],
            }, {
                title: "a mutual TLS ingress gateway", example: "secure-gateway",
                change: (c: Record<string, any>) => {
                    inDefault(c);
                    c["istio-mesh:ingress"].gateways.mygateway.servers[0].tls.mode = "MUTUAL";
                },
                expected: [gateway(server("https", "MUTUAL", "httpbin-credential", "httpbin.example.com"))],
            }];
        })(),
    },
    {
        page: "traffic-management/ingress/ingress-sni-passthrough", commit: "1174be996bdd9595a090e6db24409b2e71588ae0", objects: "Gateway mygateway (PASSTHROUGH), VirtualService nginx (tls)",
        steps: [{ title: "HTTPS passed through to nginx, routed by SNI", example: "ingress-sni-passthrough", expected: [
            { kind: "Gateway", name: "mygateway", spec: { selector: { istio: "ingressgateway" }, servers: [{
                port: { number: 443, name: "https", protocol: "HTTPS" }, tls: { mode: "PASSTHROUGH" }, hosts: ["nginx.example.com"] }] } },
            { kind: "VirtualService", name: "nginx", serviceHostFirst: true, exportTo: atIngress, spec: { hosts: ["nginx.example.com"], gateways: ["mygateway"], tls: [{
                match: [{ port: 443, sniHosts: ["nginx.example.com"] }], route: [{ destination: { host: "my-nginx", port: { number: 443 } } }] }] } },
        ] }],
    },
    {
        // The page at release 1.2x (networking.istio.io/v1, the curl sample), read as its zh translation of the
        // same YAML; the English file the index holds is the 2022 one (v1alpha3/v1beta1), objects alike.
        page: "traffic-management/ingress/ingress-sidecar-tls-termination", commit: "02dff52da12437fdfbbd656440f9fdc64df258a1",
        objects: "PeerAuthentication default (namespace test), PeerAuthentication disable-peer-auth-for-external-mtls-port, Sidecar ingress-sidecar " +
            "(the Secrets and the userVolume annotations of the httpbin Deployment are workload objects)",
        steps: [{ title: "mutual TLS from outside the mesh terminated by httpbin's sidecar", example: "ingress-sidecar-tls-termination", expected: [
            { kind: "PeerAuthentication", name: "default", namespace: "test", spec: { mtls: { mode: "STRICT" } } },
            { kind: "PeerAuthentication", name: "disable-peer-auth-for-external-mtls-port", namespace: "test", spec: {
                selector: httpbin, mtls: { mode: "STRICT" }, portLevelMtls: { 9080: { mode: "DISABLE" } } } },
            { kind: "Sidecar", name: "ingress-sidecar", namespace: "test", spec: {
                workloadSelector: { labels: { app: "httpbin", version: "v1" } },
                ingress: [
                    { port: { number: 9080, protocol: "HTTPS", name: "external" }, defaultEndpoint: "0.0.0.0:80", tls: { mode: "MUTUAL",
                        privateKey: "/etc/istio/tls-certs/tls.key", serverCertificate: "/etc/istio/tls-certs/tls.crt", caCertificates: "/etc/istio/tls-ca-certs/ca.crt" } },
                    { port: { number: 9081, protocol: "HTTP", name: "internal" }, defaultEndpoint: "0.0.0.0:80" },
                ] } },
        ] }],
    },
    { page: "traffic-management/ingress/{kubernetes-ingress,gateway-api,gateway-api-inference-extension}", objects: "Kubernetes Ingress and Gateway API objects only",
        coveredBy: "nothing: no Istio networking or security object (out of scope)" },
    { page: "traffic-management/egress/egress-control", objects: "ServiceEntry httpbin-ext, ServiceEntry google, VirtualService httpbin-ext",
        coveredBy: "test/egress.spec.ts" },
    {
        // The SIMPLE origination (ServiceEntry and DestinationRule edition-cnn-com) is checked in test/egress.spec.ts. The mutual
        // TLS section read at release 1.2x (networking.istio.io/v1, the curl sample) as its uk translation, whose YAML is the page's.
        page: "traffic-management/egress/egress-tls-origination", commit: "905ef81370fe29b3f95c53979fa2e35f4945f996",
        objects: "mutual TLS origination at the sidecar: ServiceEntry and DestinationRule originate-mtls-for-nginx (the NGINX server, its Secrets and the client's RBAC are workload objects)",
        steps: [{ title: "mutual TLS originated by curl's sidecar with the client-credential Secret", example: "egress-mtls-origination", expected: [
            { kind: "ServiceEntry", name: "originate-mtls-for-nginx", spec: { hosts: ["my-nginx.mesh-external.svc.cluster.local"], ports: [
                { number: 80, name: "http-port", protocol: "HTTP", targetPort: 443 }, { number: 443, name: "https-port", protocol: "HTTPS" }], resolution: "DNS" } },
            { kind: "DestinationRule", name: "originate-mtls-for-nginx", spec: {
                workloadSelector: { matchLabels: { app: "curl" } }, host: "my-nginx.mesh-external.svc.cluster.local",
                trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 80 }, tls: {
                    mode: "MUTUAL", credentialName: "client-credential", sni: "my-nginx.mesh-external.svc.cluster.local" } }] } } },
        ] }],
    },
    {
        page: "traffic-management/egress/egress-gateway", commit: "0312d90779a8bebbd46022547ac00c04d945b8bd",
        objects: "HTTP: ServiceEntry cnn, Gateway istio-egressgateway, DestinationRule egressgateway-for-cnn, VirtualService direct-cnn-through-egress-gateway; HTTPS: the same four with TLS",
        steps: [{
            title: "HTTP through the egress gateway", example: "egress-gateway-http", expected: [
                { kind: "ServiceEntry", name: "cnn", spec: { hosts: ["edition.cnn.com"],
                    ports: [{ number: 80, name: "http-port", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" } },
                { kind: "Gateway", name: "istio-egressgateway", spec: { selector: { istio: "egressgateway" },
                    servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["edition.cnn.com"] }] } },
                egressGatewayDestinationRule,
                cnnThroughEgressGateway(80),
            ],
        }, {
            title: "HTTPS passed through the egress gateway", example: "egress-gateway-https", expected: [
                { kind: "ServiceEntry", name: "cnn", spec: { hosts: ["edition.cnn.com"], ports: [{ number: 443, name: "tls", protocol: "TLS" }], resolution: "DNS" } },
                { kind: "Gateway", name: "istio-egressgateway", spec: { selector: { istio: "egressgateway" },
                    servers: [{ port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["edition.cnn.com"], tls: { mode: "PASSTHROUGH" } }] } },
                egressGatewayDestinationRule,
                { kind: "VirtualService", name: "direct-cnn-through-egress-gateway", exportTo: atEgress, spec: {
                    hosts: ["edition.cnn.com"], gateways: ["mesh", "istio-egressgateway"],
                    tls: [
                        { match: [{ gateways: ["mesh"], port: 443, sniHosts: ["edition.cnn.com"] }],
                            route: [{ destination: { host: egressGatewayHost, subset: "cnn", port: { number: 443 } } }] },
                        { match: [{ gateways: ["istio-egressgateway"], port: 443, sniHosts: ["edition.cnn.com"] }],
                            route: [{ destination: { host: "edition.cnn.com", port: { number: 443 } }, weight: 100 }] },
                    ] } },
            ],
        }],
    },
    {
        // Read at release 1.2x (networking.istio.io/v1, the curl sample) as its uk translation, whose YAML is the page's: since
        // Istio 1.x's version (commit 02cd978b, plain HTTP to the egress gateway) the sidecars reach it over ISTIO_MUTUAL.
        page: "traffic-management/egress/egress-gateway-tls-origination", commit: "48d24450eb6b6e34f9ea78534f52196c87fc4f9f",
        objects: "TLS origination: ServiceEntry cnn, Gateway istio-egressgateway, DestinationRule egressgateway-for-cnn, VirtualService direct-cnn-through-egress-gateway, " +
            "DestinationRule originate-tls-for-edition-cnn-com; mutual TLS origination: Gateway istio-egressgateway, DestinationRule egressgateway-for-nginx, " +
            "VirtualService direct-nginx-through-egress-gateway, DestinationRule originate-mtls-for-nginx in istio-system (the NGINX server, its Secrets " +
            "and the egress gateway's client-credential Secret are workload objects)",
        steps: [{ title: "TLS originated by the egress gateway", example: "egress-gateway-tls-origination", expected: [
            { kind: "ServiceEntry", name: "cnn", spec: { hosts: ["edition.cnn.com"],
                ports: [{ number: 80, name: "http", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" } },
            { kind: "Gateway", name: "istio-egressgateway", spec: { selector: { istio: "egressgateway" }, servers: [{
                port: { number: 80, name: "https-port-for-tls-origination", protocol: "HTTPS" }, hosts: ["edition.cnn.com"], tls: { mode: "ISTIO_MUTUAL" } }] } },
            { kind: "DestinationRule", name: "egressgateway-for-cnn", spec: { host: egressGatewayHost, subsets: [{ name: "cnn", trafficPolicy: {
                loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 80 }, tls: { mode: "ISTIO_MUTUAL", sni: "edition.cnn.com" } }] } }] } },
            cnnThroughEgressGateway(443),
            { kind: "DestinationRule", name: "originate-tls-for-edition-cnn-com", producedAs: "direct-cnn-through-egress-gateway", exportTo: atEgress, spec: {
                host: "edition.cnn.com",
                trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE" } }] } } },
        ] }, {
            // The host is the Kubernetes service my-nginx.mesh-external, so the egress gateway reads its DestinationRule only from
            // istio-system (its own and the root namespace) or mesh-external: the page applies it in istio-system, apart from the
            // VirtualService, as destinationRule.namespace does; exported to istio-system only, where the gateway finds it.
            title: "mutual TLS originated by the egress gateway with the client-credential Secret", example: "egress-gateway-mtls-origination", expected: [
                { kind: "Gateway", name: "istio-egressgateway", spec: { selector: { istio: "egressgateway" }, servers: [{
                    port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["my-nginx.mesh-external.svc.cluster.local"], tls: { mode: "ISTIO_MUTUAL" } }] } },
                { kind: "DestinationRule", name: "egressgateway-for-nginx", spec: { host: egressGatewayHost, subsets: [{ name: "nginx", trafficPolicy: {
                    loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 443 }, tls: {
                        mode: "ISTIO_MUTUAL", sni: "my-nginx.mesh-external.svc.cluster.local" } }] } }] } },
                { kind: "VirtualService", name: "direct-nginx-through-egress-gateway", exportTo: atEgress, spec: {
                    hosts: ["my-nginx.mesh-external.svc.cluster.local"], gateways: ["istio-egressgateway", "mesh"],
                    http: [
                        { match: [{ gateways: ["mesh"], port: 80 }],
                            route: [{ destination: { host: egressGatewayHost, subset: "nginx", port: { number: 443 } }, weight: 100 }] },
                        { match: [{ gateways: ["istio-egressgateway"], port: 443 }],
                            route: [{ destination: { host: "my-nginx.mesh-external.svc.cluster.local", port: { number: 443 } }, weight: 100 }] },
                    ] } },
                { kind: "DestinationRule", name: "originate-mtls-for-nginx", producedAs: "direct-nginx-through-egress-gateway", namespace: "istio-system", spec: {
                    host: "my-nginx.mesh-external.svc.cluster.local",
                    trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 443 }, tls: {
                        mode: "MUTUAL", credentialName: "client-credential", sni: "my-nginx.mesh-external.svc.cluster.local" } }] } } },
            ],
        }],
    },
    {
        // Re-read at release 1.2x (networking.istio.io/v1, the curl sample) as its uk translation: the same objects as the older English
        // file (commit 054582f6); its arbitrary-domains section now writes no YAML (it points at an EnvoyFilter blog post), so the
        // older page's SNI-proxy setup on a patched egress gateway Deployment is gone from the task.
        page: "traffic-management/egress/wildcard-egress-hosts", commit: "22d7c5b8419d024aa21edc27092c0c1ca4620b8b",
        objects: "direct: ServiceEntry wikipedia; single hosting server: Gateway istio-egressgateway, DestinationRule egressgateway-for-wikipedia, " +
            "VirtualService direct-wikipedia-through-egress-gateway, ServiceEntry www-wikipedia",
        steps: [{
            title: "a wildcard ServiceEntry, and *.wikipedia.org through the egress gateway", example: "wildcard-egress-hosts", expected: [
                { kind: "ServiceEntry", name: "wikipedia", spec: { hosts: ["*.wikipedia.org"], ports: [{ number: 443, name: "https", protocol: "HTTPS" }] } },
                { kind: "ServiceEntry", name: "www-wikipedia", spec: { hosts: ["www.wikipedia.org"], ports: [{ number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" } },
                { kind: "Gateway", name: "istio-egressgateway", spec: { selector: { istio: "egressgateway" }, servers: [{
                    port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["*.wikipedia.org"], tls: { mode: "PASSTHROUGH" } }] } },
                { kind: "DestinationRule", name: "egressgateway-for-wikipedia", spec: { host: egressGatewayHost, subsets: [{ name: "wikipedia" }] } },
                { kind: "VirtualService", name: "direct-wikipedia-through-egress-gateway", serviceHostFirst: true, exportTo: atEgress, spec: {
                    hosts: ["*.wikipedia.org"], gateways: ["mesh", "istio-egressgateway"],
                    tls: [
                        { match: [{ gateways: ["mesh"], port: 443, sniHosts: ["*.wikipedia.org"] }],
                            route: [{ destination: { host: egressGatewayHost, subset: "wikipedia", port: { number: 443 } }, weight: 100 }] },
                        { match: [{ gateways: ["istio-egressgateway"], port: 443, sniHosts: ["*.wikipedia.org"] }],
                            route: [{ destination: { host: "www.wikipedia.org", port: { number: 443 } }, weight: 100 }] },
                    ] } },
            ],
        }],
    },
    {
        page: "traffic-management/egress/http-proxy", commit: "11ca35c4de4085e7124cad8717f929a64b7c9d66", objects: "ServiceEntry proxy (TCP, by address)",
        steps: [{ title: "the HTTPS proxy as a TCP service (the page's $PROXY_IP as 10.0.0.10)", example: "http-proxy", expected: [{ kind: "ServiceEntry", name: "proxy", spec: {
            hosts: ["my-company-proxy.com"], addresses: ["10.0.0.10/32"], ports: [{ number: 3128, name: "tcp", protocol: "TCP" }], location: "MESH_EXTERNAL" } }] }],
    },
    {
        page: "traffic-management/egress/egress-kubernetes-services", commit: "05c0ecce9c83c402c337de96afeaa386951ab073",
        objects: "DestinationRule my-httpbin, DestinationRule my-wikipedia (the ExternalName Service, the selector-less Service and its Endpoints are Kubernetes objects)",
        steps: [{ title: "mutual TLS off to the two external aliases", example: "egress-kubernetes-services", expected: ["my-httpbin", "my-wikipedia"].map((name): Expected => ({
            kind: "DestinationRule", name, spec: { host: `${name}.default.svc.cluster.local`, trafficPolicy: { tls: { mode: "DISABLE" } } } })) }],
    },
    {
        // The English file the index holds is Istio 1.10's (v1beta1, sleep); the page at release 1.2x (security.istio.io/v1,
        // the curl sample, 8080 as the port-level exception) is read as its es translation, whose YAML is the English page's.
        page: "security/authentication/authn-policy", commit: "1371fc76800d2337a56496ced3998944a43661a7",
        objects: "PeerAuthentication default (istio-system, then foo), httpbin (bar; then with portLevelMtls), overwrite-example (foo); " +
            "samples/httpbin/httpbin-gateway.yaml (istio 1.30.3) Gateway httpbin-gateway and VirtualService httpbin; RequestAuthentication jwt-example; " +
            "AuthorizationPolicy frontend-ingress, then per path (the Gateway API tab's versions select a Gateway API gateway)",
        steps: (() => {
            const mtls = (c: Record<string, any>) => c["istio-mesh:security"].mtls;
            const httpbinBar = (portLevelMtls?: object): Expected => ({ kind: "PeerAuthentication", name: "httpbin", namespace: "bar", spec: {
                selector: httpbin, mtls: { mode: "STRICT" }, ...(portLevelMtls && { portLevelMtls }) } });
            const frontendIngress = (to?: object[]) => policy("frontend-ingress", "istio-system", {
                selector: { matchLabels: { istio: "ingressgateway" } }, action: "DENY",
                rules: [{ from: [{ source: { notRequestPrincipals: ["*"] } }], ...(to && { to }) }] });
            return [
                { title: "STRICT for the whole mesh", example: "authn-policy",
                    expected: [{ kind: "PeerAuthentication", name: "default", namespace: "istio-system", spec: { mtls: { mode: "STRICT" } } }] },
                { title: "STRICT for namespace foo", example: "authn-policy",
                    expected: [{ kind: "PeerAuthentication", name: "default", namespace: "foo", spec: { mtls: { mode: "STRICT" } } }] },
                { title: "STRICT for httpbin in bar", example: "authn-policy", change: (c: Record<string, any>) => { delete mtls(c).workloads.httpbin.portLevelMtls; },
                    expected: [httpbinBar()] },
                { title: "STRICT for httpbin in bar but port 8080", example: "authn-policy", expected: [httpbinBar({ 8080: { mode: "DISABLE" } })] },
                { title: "the workload policy over the namespace's: mTLS off for httpbin in foo", example: "authn-policy", expected: [
                    { kind: "PeerAuthentication", name: "overwrite-example", namespace: "foo", spec: { selector: httpbin, mtls: { mode: "DISABLE" } } }] },
                { title: "httpbin through the ingress gateway, which validates JWTs", example: "authn-policy", expected: [
                    { kind: "Gateway", name: "httpbin-gateway", namespace: "foo", spec: { selector: { istio: "ingressgateway" },
                        servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }] } },
                    { kind: "VirtualService", name: "httpbin", namespace: "foo", serviceHostFirst: true, exportTo: atIngress, spec: { hosts: ["*"], gateways: ["httpbin-gateway"],
                        http: [{ route: [{ destination: { host: "httpbin", port: { number: 8000 } } }] }] } },
                    { kind: "RequestAuthentication", name: "jwt-example", namespace: "istio-system", spec: {
                        selector: { matchLabels: { istio: "ingressgateway" } }, jwtRules: [{ issuer: "testing@secure.istio.io", jwksUri: JWKS }] } },
                ] },
                { title: "a valid token required", example: "authn-policy", change: (c: Record<string, any>) => {
                    delete c["istio-mesh:security"].authorization.policies["frontend-ingress"].rules[0].to;
                }, expected: [frontendIngress()] },
                { title: "a valid token required for /headers", example: "authn-policy", expected: [frontendIngress([{ operation: { paths: ["/headers"] } }])] },
            ];
        })(),
    },
    {
        page: "security/authentication/mtls-migration", commit: "071960af307ad2ebba100a6e3efb22a0356c546d", objects: "PeerAuthentication default in foo, then in istio-system, STRICT",
        steps: [{
            title: "namespace foo STRICT", example: "mtls-migration", change: (c) => { delete c["istio-mesh:security"].mtls.mode; },
            expected: [{ kind: "PeerAuthentication", name: "default", namespace: "foo", spec: { mtls: { mode: "STRICT" } } }],
        }, {
            title: "the whole mesh STRICT", example: "mtls-migration",
            expected: [{ kind: "PeerAuthentication", name: "default", namespace: "istio-system", spec: { mtls: { mode: "STRICT" } } }],
        }],
    },
    {
        page: "security/authentication/claim-to-header", commit: "0e750fa3f436ad49acd541c2ec0cd126f5bf7e6a", objects: "RequestAuthentication jwt-example with outputClaimToHeaders",
        steps: [{ title: "the foo claim copied to x-jwt-claim-foo", example: "claim-to-header", expected: [{ kind: "RequestAuthentication", name: "jwt-example", namespace: "foo", spec: {
            selector: httpbin, jwtRules: [{ issuer: "testing@secure.istio.io", jwksUri: JWKS, outputClaimToHeaders: [{ header: "x-jwt-claim-foo", claim: "foo" }] }] } }] }],
    },
    {
        page: "security/authentication/jwt-route", commit: "041150fa5617dd7e515cdaa6b82a79a8f1292a03",
        objects: "samples/httpbin/httpbin-gateway.yaml (istio 1.30.3) Gateway httpbin-gateway; RequestAuthentication ingress-jwt; VirtualService httpbin matching @request.auth.claims.groups",
        steps: [{ title: "/headers routed for group1 only", example: "jwt-route", expected: [
            { kind: "Gateway", name: "httpbin-gateway", namespace: "foo", spec: { selector: { istio: "ingressgateway" },
                servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }] } },
            { kind: "RequestAuthentication", name: "ingress-jwt", namespace: "istio-system", spec: {
                selector: { matchLabels: { istio: "ingressgateway" } }, jwtRules: [{ issuer: "testing@secure.istio.io", jwksUri: JWKS }] } },
            { kind: "VirtualService", name: "httpbin", namespace: "foo", serviceHostFirst: true, exportTo: atIngress, spec: { hosts: ["*"], gateways: ["httpbin-gateway"], http: [{
                match: [{ uri: { prefix: "/headers" }, headers: { "@request.auth.claims.groups": { exact: "group1" } } }],
                route: [{ destination: { port: { number: 8000 }, host: "httpbin" } }] }] } },
        ] }],
    },
    {
        page: "security/authorization/authz-http", commit: "0ef777a1fd231abe7927941df28869c46077e645",
        objects: "AuthorizationPolicy allow-nothing, productpage-viewer, details-viewer, reviews-viewer, ratings-viewer",
        steps: [{ title: "allow-nothing, then GET for each Bookinfo hop", example: "authz-http", expected: [
            policy("allow-nothing", "default", {}),
            policy("productpage-viewer", "default", { selector: { matchLabels: { app: "productpage" } }, action: "ALLOW", rules: [{ to: [{ operation: { methods: ["GET"] } }] }] }),
            ...[["details", "bookinfo-productpage"], ["reviews", "bookinfo-productpage"], ["ratings", "bookinfo-reviews"]].map(([app, sa]) =>
                policy(`${app}-viewer`, "default", { selector: { matchLabels: { app } }, action: "ALLOW", rules: [{
                    from: [{ source: { principals: [`cluster.local/ns/default/sa/${sa}`] } }], to: [{ operation: { methods: ["GET"] } }] }] })),
        ] }],
    },
    {
        page: "security/authorization/authz-tcp", commit: "052f5fbc7e628575a1a45f8051e14eca3faacbdc", objects: "AuthorizationPolicy tcp-policy, in four versions",
        steps: (() => {
            const tcpPolicy = (action: string, operation: object) => policy("tcp-policy", "foo", {
                selector: { matchLabels: { app: "tcp-echo" } }, action, rules: [{ to: [{ operation }] }] });
            const set = (action: string, operation: object) => (c: Record<string, any>) => {
                Object.assign(c["istio-mesh:security"].authorization.policies["tcp-policy"], { action, rules: [{ to: [{ operation }] }] });
            };
            return [
                { title: "ports 9000 and 9001 allowed", example: "authz-tcp", expected: [tcpPolicy("ALLOW", { ports: ["9000", "9001"] })] },
                { title: "an HTTP-only field in the ALLOW rule", example: "authz-tcp", change: set("ALLOW", { methods: ["GET"], ports: ["9000"] }),
                    expected: [tcpPolicy("ALLOW", { methods: ["GET"], ports: ["9000"] })] },
                { title: "DENY with an HTTP-only field", example: "authz-tcp", change: set("DENY", { methods: ["GET"] }),
                    expected: [tcpPolicy("DENY", { methods: ["GET"] })] },
                { title: "DENY with TCP and HTTP fields", example: "authz-tcp", change: set("DENY", { methods: ["GET"], ports: ["9000"] }),
                    expected: [tcpPolicy("DENY", { methods: ["GET"], ports: ["9000"] })] },
            ];
        })(),
    },
    {
        page: "security/authorization/authz-deny", commit: "348b52cdf13adfb37a20debdb1b4c784acf2dbd6", objects: "AuthorizationPolicy deny-method-get (two versions), allow-path-ip",
        steps: [{
            title: "GET denied", example: "authz-deny",
            change: (c) => { delete c["istio-mesh:security"].authorization.policies["deny-method-get"].rules[0].when; },
            expected: [policy("deny-method-get", "foo", { selector: httpbin, action: "DENY", rules: [{ to: [{ operation: { methods: ["GET"] } }] }] })],
        }, {
            title: "GET denied unless x-token is admin; /ip allowed", example: "authz-deny", expected: [
                policy("deny-method-get", "foo", { selector: httpbin, action: "DENY", rules: [{
                    to: [{ operation: { methods: ["GET"] } }], when: [{ key: "request.headers[x-token]", notValues: ["admin"] }] }] }),
                policy("allow-path-ip", "foo", { selector: httpbin, action: "ALLOW", rules: [{ to: [{ operation: { paths: ["/ip"] } }] }] }),
            ],
        }],
    },
    {
        page: "security/authorization/authz-ingress", commit: "0e05e29a9b397ef1f0f9030deb6da438649aca32",
        objects: "AuthorizationPolicy ingress-policy with ipBlocks, then remoteIpBlocks (the Gateway API tab's versions select a Gateway API gateway)",
        steps: ["ipBlocks", "remoteIpBlocks"].map((field) => ({
            title: `allow-list by ${field}`, example: "authz-ingress",
            change: field === "ipBlocks" ? undefined : (c: Record<string, any>) => {
                c["istio-mesh:security"].authorization.policies["ingress-policy"].rules[0].from = [{ source: { remoteIpBlocks: ["1.2.3.4", "5.6.7.0/24"] } }];
            },
            expected: [policy("ingress-policy", "istio-system", { selector: { matchLabels: { app: "istio-ingressgateway" } }, action: "ALLOW", rules: [{
                from: [{ source: { [field]: ["1.2.3.4", "5.6.7.0/24"] } }] }] })],
        })),
    },
    {
        page: "security/authorization/authz-dry-run", commit: "0274d9c4ff5df9bd1309ca35b7112c2faffaf8c8", objects: "AuthorizationPolicy deny-path-headers with the istio.io/dry-run annotation",
        steps: [{ title: "a DENY policy in dry-run mode", example: "authz-dry-run", expected: [policy("deny-path-headers", "foo", {
            selector: httpbin, action: "DENY", rules: [{ to: [{ operation: { paths: ["/headers"] } }] }] }, { "istio.io/dry-run": "true" })] }],
    },
    { page: "security/authorization/{authz-jwt,authz-custom}", objects: "RequestAuthentication jwt-example, AuthorizationPolicy require-jwt; AuthorizationPolicy ext-authz",
        coveredBy: "test/security-api.spec.ts" },
    {
        // The English file the index holds is Istio 1.4's (the sleep sample); read at release 1.2x (security.istio.io/v1, the curl
        // sample) as its uk translation, whose YAML is the page's.
        page: "security/authorization/authz-td-migration", commit: "0e0e6904e9166eebfd40ba01ecf73e5e50bb9b1e",
        objects: "AuthorizationPolicy service-httpbin.default.svc.cluster.local (trust domain and trustDomainAliases are install options)",
        steps: [{ title: "GET from curl-allow's curl, by its old-td identity", example: "authz-td-migration", expected: [
            policy("service-httpbin.default.svc.cluster.local", "default", { selector: httpbin, rules: [{
                from: [{ source: { principals: ["old-td/ns/curl-allow/sa/curl"] } }], to: [{ operation: { methods: ["GET"] } }] }] }),
        ] }],
    },
    { page: "security/{cert-management,tls-configuration}/*", objects: "install options and meshConfig only",
        coveredBy: "nothing: no Istio networking or security object (out of scope)" },
];

describe("istio.io task pages as stack config (README examples)", () => {
    for (const p of PAGES) {
        describe(p.page, () => {
            if (p.steps) {
                for (const step of p.steps) {
                    it(`${step.title} (${p.commit!.slice(0, 8)})`, async () => {
                        if (!step.change) {
                            await assertExampleProduces(step.example, step.expected);
                            return;
                        }
                        const config = structuredClone(readmeExample(step.example));
                        step.change(config);
                        await assertConfigProduces(`${step.example}, changed as the page's step "${step.title}"`, config, step.expected);
                    });
                }
            } else if (p.coveredBy?.startsWith("test/")) {
                // The inventory stays true when a spec moves: the spec it points at must exist.
                it(`${p.objects}: covered by ${p.coveredBy}`, () => {
                    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, p.coveredBy!.split(" ")[0])), p.coveredBy);
                });
            }
            // A page can be partly expressed: its steps above, the rest named here with the reason.
            if (p.missing) it(`${p.steps ? "not expressed" : p.objects}: missing, ${p.missing}`);
        });
    }
});
