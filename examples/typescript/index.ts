import * as pulumi from "@pulumi/pulumi";
// In a program of your own: from "@istio-mesh/components" (see components/README.md).
import { IstioMesh, MeshAuthorization, MeshMtls, MeshNamespace, MeshService } from "../../components";

// The same mesh as ../python and ../go, which make it through the SDKs generated from components/:
// Istio with the demo preset, two routed services, STRICT mTLS, one authorization policy.
const config = new pulumi.Config();

// The demo profile (IstioMesh's default) sizes istiod and the gateway: one replica each, a NodePort gateway.
const mesh = new IstioMesh("istio", {
    chartMirror: config.get("chartMirror"),
    gateway: {},
});

const shop = new MeshNamespace("shop", {}, { dependsOn: [mesh] });

// 90/10 between two versions, and beta testers (by header) always on v2.
new MeshService("myapp", {
    namespace: "shop",
    versions: { v1: { version: "v1" }, v2: { version: "v2" } },
    canary: { weights: { v1: 90, v2: 10 } },
    routes: [{ match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], subset: "v2" }],
}, { dependsOn: [mesh, shop] });

new MeshService("orders", {
    namespace: "shop",
    versions: { v1: { version: "v1" }, v2: { version: "v2" } },
    canary: { weights: { v1: 50, v2: 50 } },
}, { dependsOn: [mesh, shop] });

new MeshMtls("mtls", {
    rootNamespace: "istio-system",
    mtls: { mode: "STRICT" },
}, { dependsOn: [mesh] });

// orders answers api-gateway only.
new MeshAuthorization("authz", {
    policies: {
        "orders-policy": {
            namespace: "shop",
            selector: { matchLabels: { app: "orders" } },
            rules: [{ callers: [{ serviceAccount: "api-gateway" }], to: [{ operation: { methods: ["GET", "POST"], paths: ["/orders/*"] } }] }],
        },
    },
    managedNamespaces: { shop: shop.namespace },
}, { dependsOn: [mesh] });

export const istioNamespace = mesh.namespace;
