import { assertExampleProduces, Expected } from "./helpers/golden";

// Istio 1.30.3 (tag 1.30.3, commit 56df41f6), samples/bookinfo/networking/: each Istio object of its 21
// files, written out here (not read from the files), against the stack config README shows for it;
// bookinfo-gateway.yaml is checked in test/ingress.spec.ts.

const subsets = (...versions: string[]) => versions.map((v) => ({ name: v, labels: { version: v } }));
const to = (host: string, subset: string) => ({ destination: { host, subset } });
const vs = (host: string, http: object[]): Expected => ({ kind: "VirtualService", name: host, spec: { hosts: [host], http } });
const dr = (host: string, spec: object): Expected => ({ kind: "DestinationRule", name: host, spec: { host, ...spec } });
const jason = [{ headers: { "end-user": { exact: "jason" } } }];

const SAMPLES: Record<string, Expected[]> = {
    "destination-rule-all.yaml and virtual-service-all-v1.yaml": [
        dr("productpage", { subsets: subsets("v1") }),
        dr("reviews", { subsets: subsets("v1", "v2", "v3") }),
        dr("ratings", { subsets: subsets("v1", "v2", "v2-mysql", "v2-mysql-vm") }),
        dr("details", { subsets: subsets("v1", "v2") }),
        vs("productpage", [{ route: [to("productpage", "v1")] }]),
        vs("reviews", [{ route: [to("reviews", "v1")] }]),
        vs("ratings", [{ route: [to("ratings", "v1")] }]),
        vs("details", [{ route: [to("details", "v1")] }]),
    ],
    // The sample's other three DestinationRules differ from destination-rule-all.yaml's by the same tls only.
    "destination-rule-all-mtls.yaml": [
        dr("reviews", { trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } }, subsets: subsets("v1", "v2", "v3") }),
    ],
    "destination-rule-reviews.yaml": [
        dr("reviews", { trafficPolicy: { loadBalancer: { simple: "RANDOM" } }, subsets: subsets("v1", "v2", "v3") }),
    ],
    "virtual-service-reviews-80-20.yaml": [
        vs("reviews", [{ route: [{ ...to("reviews", "v1"), weight: 80 }, { ...to("reviews", "v2"), weight: 20 }] }]),
    ],
    "virtual-service-reviews-50-v3.yaml": [
        vs("reviews", [{ route: [{ ...to("reviews", "v1"), weight: 50 }, { ...to("reviews", "v3"), weight: 50 }] }]),
    ],
    "virtual-service-reviews-test-v2.yaml": [
        vs("reviews", [{ match: jason, route: [to("reviews", "v2")] }, { route: [to("reviews", "v1")] }]),
    ],
    "virtual-service-reviews-jason-v2-v3.yaml": [
        vs("reviews", [{ match: jason, route: [to("reviews", "v2")] }, { route: [to("reviews", "v3")] }]),
    ],
    "virtual-service-ratings-test-delay.yaml": [
        vs("ratings", [{ match: jason, fault: { delay: { percent: 100, fixedDelay: "7s" } }, route: [to("ratings", "v1")] }, { route: [to("ratings", "v1")] }]),
    ],
    "virtual-service-ratings-test-abort.yaml": [
        vs("ratings", [{ match: jason, fault: { abort: { percentage: { value: 100 }, httpStatus: 500 } }, route: [to("ratings", "v1")] },
            { route: [to("ratings", "v1")] }]),
    ],
    "fault-injection-details-v1.yaml": [
        vs("details", [{ fault: { abort: { httpStatus: 555, percentage: { value: 100 } } }, route: [to("details", "v1")] }, { route: [to("details", "v1")] }]),
        dr("details", { subsets: subsets("v1") }),
    ],
    "virtual-service-ratings-mysql.yaml": [
        vs("reviews", [{ route: [to("reviews", "v3")] }]),
        vs("ratings", [{ route: [to("ratings", "v2-mysql")] }]),
    ],
    "virtual-service-reviews-90-10.yaml": [
        vs("reviews", [{ route: [{ ...to("reviews", "v1"), weight: 90 }, { ...to("reviews", "v2"), weight: 10 }] }]),
    ],
    "virtual-service-reviews-v2-v3.yaml": [
        vs("reviews", [{ route: [{ ...to("reviews", "v2"), weight: 50 }, { ...to("reviews", "v3"), weight: 50 }] }]),
    ],
    "virtual-service-reviews-v3.yaml": [vs("reviews", [{ route: [to("reviews", "v3")] }])],
    "virtual-service-details-v2.yaml": [vs("details", [{ route: [to("details", "v2")] }])],
    "virtual-service-ratings-db.yaml": [
        vs("reviews", [{ route: [to("reviews", "v3")] }]),
        vs("ratings", [{ route: [to("ratings", "v2")] }]),
    ],
    "virtual-service-ratings-mysql-vm.yaml": [
        vs("reviews", [{ route: [to("reviews", "v3")] }]),
        vs("ratings", [{ route: [to("ratings", "v2-mysql-vm")] }]),
    ],
    "certmanager-gateway.yaml": [
        { kind: "Gateway", name: "cert-manager-gateway", namespace: "istio-system", spec: {
            selector: { istio: "ingressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }] } },
        { kind: "VirtualService", name: "cert-manager", namespace: "istio-system", serviceHostFirst: true, exportTo: [".", "istio-ingress"], spec: {
            hosts: ["*"], gateways: ["cert-manager-gateway"],
            http: [{ match: [{ uri: { prefix: "/.well-known/acme-challenge/" } }], route: [{ destination: { host: "cert-manager-resolver", port: { number: 8089 } } }] }] } },
    ],
    "egress-rule-google-apis.yaml": [
        { kind: "ServiceEntry", name: "googleapis", spec: {
            hosts: ["www.googleapis.com"], ports: [{ number: 443, name: "https", protocol: "http" }], location: "MESH_EXTERNAL", resolution: "DNS" } },
    ],
};

describe("Bookinfo networking samples as stack config (README examples)", () => {
    for (const [sample, expected] of Object.entries(SAMPLES)) {
        it(sample, async () => {
            await assertExampleProduces(`bookinfo/${sample.split(" ")[0].replace(/\.yaml$/, "")}`, expected);
        });
    }
});
