// Istio with the demo preset, two routed services, STRICT mTLS and one
// authorization policy, through the Go SDK generated from components/ (the
// same mesh as ../typescript and ../python).
package main

import (
	components "github.com/istio-mesh/pulumi-components/sdk/go/components"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		var chartMirror *string
		if mirror, err := config.Try(ctx, "chartMirror"); err == nil {
			chartMirror = &mirror
		}
		mesh, err := components.NewIstioMesh(ctx, "istio", &components.IstioMeshArgs{
			ChartMirror: chartMirror,
			// The demo profile (IstioMesh's default) sizes istiod and the gateway: one replica each, a NodePort gateway.
			Gateway: components.IngressGatewayArgsArgs{},
		})
		if err != nil {
			return err
		}
		shop, err := components.NewMeshNamespace(ctx, "shop", nil, pulumi.DependsOn([]pulumi.Resource{mesh}))
		if err != nil {
			return err
		}
		versions := map[string]map[string]string{"v1": {"version": "v1"}, "v2": {"version": "v2"}}
		// 90/10 between two versions, and beta testers (by header) always on v2.
		if _, err := components.NewMeshService(ctx, "myapp", &components.MeshServiceArgs{
			Namespace: "shop",
			Versions:  versions,
			Canary:    &components.CanaryArgs{Weights: map[string]float64{"v1": 90, "v2": 10}},
			Routes: []components.HttpRouteArgs{{
				Match:  []components.HttpMatchArgs{{Headers: map[string]components.StringMatchArgs{"x-user-type": {Exact: pulumi.StringRef("beta-tester")}}}},
				Subset: pulumi.StringRef("v2"),
			}},
		}, pulumi.DependsOn([]pulumi.Resource{mesh, shop})); err != nil {
			return err
		}
		if _, err := components.NewMeshService(ctx, "orders", &components.MeshServiceArgs{
			Namespace: "shop",
			Versions:  versions,
			Canary:    &components.CanaryArgs{Weights: map[string]float64{"v1": 50, "v2": 50}},
		}, pulumi.DependsOn([]pulumi.Resource{mesh, shop})); err != nil {
			return err
		}
		if _, err := components.NewMeshMtls(ctx, "mtls", &components.MeshMtlsArgs{
			RootNamespace: "istio-system",
			Mtls:          components.MtlsArgsArgs{Mode: components.MtlsModeSTRICT},
		}, pulumi.DependsOn([]pulumi.Resource{mesh})); err != nil {
			return err
		}
		// orders answers api-gateway only.
		if _, err := components.NewMeshAuthorization(ctx, "authz", &components.MeshAuthorizationArgs{
			Policies: map[string]components.AuthorizationPolicyArgsArgs{
				"orders-policy": {
					Namespace: "shop",
					Selector:  &components.WorkloadSelectorArgs{MatchLabels: map[string]string{"app": "orders"}},
					Rules: []components.AuthorizationRuleArgs{{
						Callers: []components.CallerArgs{{ServiceAccount: "api-gateway"}},
						To: []components.RuleToArgs{{Operation: components.OperationArgs{
							Methods: []components.HttpMethod{components.HttpMethodGET, components.HttpMethodPOST}, Paths: []string{"/orders/*"}}}},
					}},
				},
			},
			ManagedNamespaces: map[string]pulumi.StringInput{"shop": shop.Namespace},
		}, pulumi.DependsOn([]pulumi.Resource{mesh})); err != nil {
			return err
		}
		ctx.Export("istioNamespace", mesh.Namespace)
		return nil
	})
}
