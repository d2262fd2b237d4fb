import { strict as assert } from "assert";
import { setPath } from "../e2e/config-path";
import { compareDeployments } from "../e2e/examples";
import { compareObjects, missingFields } from "../e2e/live-objects";
import { e2eOverrides } from "../e2e/overrides";
import { commandEnv } from "../e2e/project";
import { unprotectedDescendants } from "../e2e/protection";
import { changedSteps, policyFindings } from "../e2e/preview-output";
import { parseEnvironment } from "../stacks/load";

// The e2e's verdicts come from these pure readers; each is shown here to tell a pass from a failure.
describe("e2e judgement", () => {
    it("reads policy violations as the CLI prints them", () => {
        const out = [
            "Policies:",
            "    ❌ istio-mesh@v0.1.0 (local: /work/main/policies)",
            "        - [mandatory]  mtls-mesh-wide-strict  (pulumi:pulumi:Stack: smoke-dev)",
            "          The stack declares a mesh-wide PeerAuthentication (root namespace, no selector) in STRICT mode.",
            "        - [advisory]  resilience-outlier-detection  (kubernetes:networking.istio.io/v1:DestinationRule: x)",
        ].join("\n");
        assert.deepEqual(policyFindings(out), [
            { level: "mandatory", policy: "mtls-mesh-wide-strict" },
            { level: "advisory", policy: "resilience-outlier-detection" },
        ]);
        assert.deepEqual(policyFindings("Resources:\n    42 unchanged\n"), []);
    });

    it("lists only the steps of a preview that change something", () => {
        const json = JSON.stringify({ steps: [
            { op: "same", urn: "urn:pulumi:dev::istio-mesh::pulumi:pulumi:Stack::istio-mesh-dev" },
            { op: "update", urn: "urn:pulumi:dev::istio-mesh::istio-mesh:traffic:MeshService$kubernetes:networking.istio.io/v1:VirtualService::myapp",
                newState: { type: "kubernetes:networking.istio.io/v1:VirtualService" } },
        ] });
        assert.deepEqual(changedSteps(json).map((s) => [s.op, s.type]), [["update", "kubernetes:networking.istio.io/v1:VirtualService"]]);
    });

    it("accepts fields the API server adds, and names what differs or is missing", () => {
        const want = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "myapp", namespace: "default" },
            spec: { hosts: ["myapp"], http: [{ route: [{ weight: 90 }, { weight: 10 }] }] } };
        const same = { ...want, spec: { ...want.spec, gateways: [] as string[] } };
        assert.deepEqual(compareObjects([want], [same]), { matched: 1, missing: [], different: [] });
        const changed = { ...want, spec: { hosts: ["myapp"], http: [{ route: [{ weight: 80 }, { weight: 20 }] }] } };
        assert.deepEqual(compareObjects([want], [changed]).different, [
            "VirtualService default/myapp: spec.http[0].route[0].weight: expected 90, found 80; spec.http[0].route[1].weight: expected 10, found 20",
        ]);
        assert.deepEqual(compareObjects([want], []).missing, ["VirtualService default/myapp"]);
        assert.deepEqual(missingFields({ a: [1, 2] }, { a: [1] }), ["spec.a: expected [1,2], found [1]"]);
    });

    it("overrides only what the local control plane cannot do", () => {
        const prod = e2eOverrides(parseEnvironment({ profile: "production" }), "/m");
        assert.deepEqual(prod.map((o) => [o.key, o.value]), [
            ["istio-mesh:charts.mirror", "/m"],
            ["istio-mesh:kubernetes.context", "istio-mesh-local"],
            ["istio-mesh:istio.gateway.serviceType", "NodePort"],
        ]);
        const demo = e2eOverrides(parseEnvironment({ profile: "demo" }), "/m");
        assert.equal(demo.length, 2, "the demo preset's NodePort gateway needs no change");
    });

    it("names the objects of a protected chart that are not protected themselves", () => {
        const chart = "urn:pulumi:prod::istio-mesh::istio-mesh:mesh:IstioMesh$kubernetes:helm.sh/v4:Chart::istio-istiod";
        const mesh = "urn:pulumi:prod::istio-mesh::istio-mesh:mesh:IstioMesh::istio";
        const child = (name: string, protect?: boolean) => ({ urn: `${chart}$kubernetes:apps/v1:Deployment::${name}`, parent: chart, protect });
        const state = [{ urn: mesh }, { urn: chart, parent: mesh, protect: true }, child("istiod", true), child("other")];
        assert.deepEqual(unprotectedDescendants(state), [`${chart}$kubernetes:apps/v1:Deployment::other`]);
        // Deeper down too, and nothing is asked of what no protected resource holds.
        const grandchild = { urn: `${chart}$x::deep`, parent: child("istiod").urn };
        assert.deepEqual(unprotectedDescendants([...state.slice(0, 3), grandchild]), [grandchild.urn]);
        assert.deepEqual(unprotectedDescendants([{ urn: mesh }, { urn: chart, parent: mesh }, child("other")]), []);
    });

    it("skips checkpoints for previews only: up and destroy keep writing state as they go", () => {
        const env = { PULUMI_BACKEND_URL: "file:///tmp/backend" };
        const skipping = { ...env, PULUMI_SKIP_CHECKPOINTS: "true" };
        assert.deepEqual(commandEnv(["preview", "--json"], env), skipping);
        // Even when the caller's shell skips checkpoints, an up or a destroy does not.
        for (const command of ["up", "destroy", "refresh", "stack"]) assert.deepEqual(commandEnv([command, "--yes"], skipping), env, command);
        assert.deepEqual(env, { PULUMI_BACKEND_URL: "file:///tmp/backend" }, "the caller's environment is left as it was");
    });

    it("sets nested config keys as `pulumi config set --path` does", () => {
        const config = { "istio-mesh:istio": { revision: "1-30-3", gateway: { name: "gw" } } };
        assert.deepEqual(setPath(config, "istio-mesh:istio.gateway.serviceType", "NodePort"),
            { "istio-mesh:istio": { revision: "1-30-3", gateway: { name: "gw", serviceType: "NodePort" } } });
        assert.deepEqual(setPath({}, "istio-mesh:charts.mirror", "/m"), { "istio-mesh:charts": { mirror: "/m" } });
        assert.deepEqual(config["istio-mesh:istio"].gateway, { name: "gw" }, "the input is left alone");
    });
    describe("an example program against the TypeScript one", () => {
        const vs = (weight: number) => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "myapp-virtualservice", namespace: "shop" },
            spec: { hosts: ["myapp.shop.svc.cluster.local"], http: [{ route: [{ destination: { host: "myapp.shop.svc.cluster.local", subset: "v1" }, weight }] }] } });
        const pa = { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "mtls-mesh-default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } };
        const urn = (type: string, name: string) => `urn:pulumi:e2e::istio-mesh-example::${type}::${name}`;
        const ts = { objects: [vs(90), pa], urns: [urn("pulumi:pulumi:Stack", "istio-mesh-example-e2e"), urn("istio-mesh:traffic:MeshService", "myapp")] };

        it("passes with the same objects and URNs, whatever the component provider's URN", () => {
            const python = { objects: [pa, vs(90)], urns: [...ts.urns, urn("pulumi:providers:components", "default_0_1_0")] };
            assert.deepEqual(compareDeployments("python", ts, python), { problems: [], counts: { istioObjects: 2, kinds: 2, urns: 2 } });
        });

        it("names an object that differs, is missing or is extra, and a URN of another type", () => {
            const go = { objects: [vs(80), { ...pa, metadata: { ...pa.metadata, name: "extra" } }],
                urns: [urn("pulumi:pulumi:Stack", "istio-mesh-example-e2e"), urn("components:index:MeshService", "myapp")] };
            const { problems } = compareDeployments("go", ts, go);
            assert.deepEqual(problems, [
                "missing in go: PeerAuthentication istio-system/mtls-mesh-default",
                "only in go: PeerAuthentication istio-system/extra",
                "VirtualService shop/myapp-virtualservice: spec.http[0].route[0].weight: expected 90, found 80",
                "VirtualService shop/myapp-virtualservice: spec.http[0].route[0].weight: expected 80, found 90",
                `URN only in typescript: ${urn("istio-mesh:traffic:MeshService", "myapp")}`,
                `URN only in go: ${urn("components:index:MeshService", "myapp")}`,
            ]);
        });
    });
});
