"""Istio with the demo preset, two routed services, STRICT mTLS and one
authorization policy, through the Python SDK generated from components/
(the same mesh as ../typescript and ../go)."""
import pulumi
import istio_mesh_components as istio

config = pulumi.Config()

mesh = istio.IstioMesh(
    "istio",
    chart_mirror=config.get("chartMirror"),
    # The demo profile (IstioMesh's default) sizes istiod and the gateway: one replica each, a NodePort gateway.
    gateway={},
)

shop = istio.MeshNamespace("shop", opts=pulumi.ResourceOptions(depends_on=[mesh]))

# 90/10 between two versions, and beta testers (by header) always on v2.
istio.MeshService(
    "myapp",
    namespace="shop",
    versions={"v1": {"version": "v1"}, "v2": {"version": "v2"}},
    canary={"weights": {"v1": 90, "v2": 10}},
    routes=[{"match": [{"headers": {"x-user-type": {"exact": "beta-tester"}}}], "subset": "v2"}],
    opts=pulumi.ResourceOptions(depends_on=[mesh, shop]),
)

istio.MeshService(
    "orders",
    namespace="shop",
    versions={"v1": {"version": "v1"}, "v2": {"version": "v2"}},
    canary={"weights": {"v1": 50, "v2": 50}},
    opts=pulumi.ResourceOptions(depends_on=[mesh, shop]),
)

istio.MeshMtls("mtls", root_namespace="istio-system", mtls={"mode": istio.MtlsMode.STRICT},
               opts=pulumi.ResourceOptions(depends_on=[mesh]))

# orders answers api-gateway only.
istio.MeshAuthorization(
    "authz",
    policies={
        "orders-policy": {
            "namespace": "shop",
            "selector": {"match_labels": {"app": "orders"}},
            "rules": [{"callers": [{"service_account": "api-gateway"}],
                       "to": [{"operation": {"methods": ["GET", "POST"], "paths": ["/orders/*"]}}]}],
        },
    },
    managed_namespaces={"shop": shop.namespace},
    opts=pulumi.ResourceOptions(depends_on=[mesh]),
)

pulumi.export("istioNamespace", mesh.namespace)
