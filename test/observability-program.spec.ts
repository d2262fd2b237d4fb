import { strict as assert } from "assert";
import { SIDECAR_INJECT_LABEL } from "../components/observability/injection-opt-out";
import { jaegerServiceName } from "../components/observability/jaeger-values";
import { named, ofType, ProgramRun, readStackFile, Registered, runProgram, SHIPPED_STACKS, shippedStackRuns } from "./helpers/mock-program";

const CHART = "kubernetes:helm.sh/v4:Chart";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
const SECRET = "kubernetes:core/v1:Secret";
const ADDONS_COMPONENT = "istio-mesh:observability:ObservabilityAddons";

const PINNED: Record<string, [string, string]> = {
    prometheus: ["29.27.0", "https://prometheus-community.github.io/helm-charts"],
    jaeger: ["4.11.1", "https://jaegertracing.github.io/helm-charts"],
    "kiali-server": ["2.26.0", "https://kiali.org/helm-charts"],
};

function addon(run: ProgramRun, chart: string): Registered {
    const found = ofType(run, CHART).find((c) => c.inputs.chart === chart);
    assert.ok(found, `chart ${chart} is registered`);
    return found;
}

function dependsOn(run: ProgramRun, r: Registered, on: string): boolean {
    return r.dependencies.includes(named(run, on).urn);
}

describe("observability addons under mocks", () => {
    const runs = shippedStackRuns();

    for (const stack of SHIPPED_STACKS) {
        describe(`stack ${stack}`, () => {
            const run = () => runs[stack];

            it("installs Prometheus, Jaeger and Kiali from their own repositories at the pinned versions, in istio-system", () => {
                for (const [chart, [version, repo]] of Object.entries(PINNED)) {
                    const c = addon(run(), chart);
                    assert.equal(c.inputs.version, version, chart);
                    assert.equal(c.inputs.repositoryOpts.repo, repo, chart);
                    assert.equal(c.inputs.namespace, "istio-system", chart);
                    assert.ok(c.parent.includes(ADDONS_COMPONENT), `${chart} is a child of the addons component`);
                }
            });

            it("points Kiali at the Services the Prometheus and Jaeger charts create, tracing on", () => {
                const kiali = addon(run(), "kiali-server").inputs.values.external_services;
                const prometheus = addon(run(), "prometheus");
                const server = prometheus.inputs.values.server;
                // The chart names the server Service after server.fullnameOverride.
                assert.equal(server.fullnameOverride, prometheus.inputs.name);
                assert.equal(kiali.prometheus.url, `http://${server.fullnameOverride}.istio-system:${server.service.servicePort}`);
                const jaeger = addon(run(), "jaeger");
                assert.equal(kiali.tracing.enabled, true);
                assert.equal(kiali.tracing.use_grpc, true);
                const basePath = jaeger.inputs.values.userconfig.extensions.jaeger_query.base_path;
                assert.equal(kiali.tracing.internal_url, `http://${jaegerServiceName(jaeger.inputs.name)}.istio-system:16685${basePath}`);
                assert.equal(kiali.istio.root_namespace, "istio-system");
            });

            it("keeps the addons out of the mesh, like Istio's samples, with the injection label", () => {
                assert.equal(addon(run(), "kiali-server").inputs.values.deployment.pod_labels[SIDECAR_INJECT_LABEL], "false");
                assert.equal(addon(run(), "prometheus").inputs.values.server.podLabels[SIDECAR_INJECT_LABEL], "false");
                const system = ofType(run(), "kubernetes:core/v1:Namespace").find((n) => n.inputs.metadata.name === "istio-system");
                assert.equal(system?.inputs.metadata.labels, undefined, "istio-system is not labelled for injection");
            });

            it("orders the addons: Kiali after istiod is ready, Prometheus and Jaeger after their namespace", () => {
                assert.ok(dependsOn(run(), addon(run(), "kiali-server"), "istio-istiod"));
                for (const chart of ["prometheus", "jaeger"]) {
                    assert.ok(dependsOn(run(), addon(run(), chart), "istio-istio-system"), chart);
                }
            });

            it("outputs a port-forward command and URL for every dashboard, matching the charts' Services", () => {
                const dashboards = run().outputs.dashboards as Record<string, { command: string; url: string }>;
                assert.deepEqual(Object.keys(dashboards).sort(), ["jaeger", "kiali", "prometheus"]);
                const kiali = addon(run(), "kiali-server").inputs.values;
                assert.equal(dashboards.kiali.command, `kubectl -n istio-system port-forward svc/${kiali.deployment.instance_name} 20001:20001`);
                assert.equal(dashboards.kiali.url, `http://localhost:20001${kiali.server.web_root}`);
                const jaeger = addon(run(), "jaeger");
                assert.equal(dashboards.jaeger.command, `kubectl -n istio-system port-forward svc/${jaegerServiceName(jaeger.inputs.name)} 16686:16686`);
                assert.equal(dashboards.jaeger.url, `http://localhost:16686${jaeger.inputs.values.userconfig.extensions.jaeger_query.base_path}`);
                const port = addon(run(), "prometheus").inputs.values.server.service.servicePort;
                assert.equal(dashboards.prometheus.command, `kubectl -n istio-system port-forward svc/prometheus ${port}:${port}`);
            });
        });
    }

    it("dev: in-memory Jaeger, no volumes, Kiali open anonymously like the seed's sample", () => {
        const jaeger = addon(runs.dev, "jaeger").inputs.values;
        assert.deepEqual(Object.keys(jaeger.userconfig.extensions.jaeger_storage.backends.primary_store), ["memory"]);
        assert.equal(jaeger.jaeger.extraVolumes, undefined);
        assert.equal(ofType(runs.dev, PVC).length, 0);
        assert.equal(addon(runs.dev, "prometheus").inputs.values.server.persistentVolume.enabled, false);
        assert.equal(addon(runs.dev, "kiali-server").inputs.values.auth.strategy, "anonymous");
        for (const chart of Object.keys(PINNED)) {
            const resources = JSON.stringify(addon(runs.dev, chart).inputs.values);
            assert.match(resources, /"requests":\{"cpu":"10m"/, `${chart} asks for little`);
        }
    });

    it("prod: Kiali behind a token login, never anonymous", () => {
        assert.equal(addon(runs.prod, "kiali-server").inputs.values.auth.strategy, "token");
        assert.doesNotMatch(JSON.stringify(addon(runs.prod, "kiali-server").inputs.values), /anonymous/);
    });

    it("prod: Jaeger keeps spans on a persistent volume (badger), Prometheus on its own volume", () => {
        const jaeger = addon(runs.prod, "jaeger");
        const store = jaeger.inputs.values.userconfig.extensions.jaeger_storage.backends.primary_store;
        assert.equal(store.badger.ephemeral, false);
        const [pvc] = ofType(runs.prod, PVC);
        assert.ok(pvc, "a PersistentVolumeClaim for badger");
        assert.equal(pvc.inputs.metadata.namespace, "istio-system");
        const [volume] = jaeger.inputs.values.jaeger.extraVolumes;
        assert.equal(volume.persistentVolumeClaim.claimName, pvc.inputs.metadata.name);
        const [mount] = jaeger.inputs.values.jaeger.extraVolumeMounts;
        assert.ok(store.badger.directories.keys.startsWith(`${mount.mountPath}/`));
        assert.ok(store.badger.directories.values.startsWith(`${mount.mountPath}/`));
        assert.ok(jaeger.dependencies.includes(pvc.urn), "the claim exists before Jaeger starts");
        assert.equal(addon(runs.prod, "prometheus").inputs.values.server.persistentVolume.enabled, true);
    });

    it("prod: Jaeger's storage backend is configurable, with the password read from a Secret", async () => {
        const run = await runProgram({
            ...readStackFile("prod"),
            "istio-mesh:observability": {
                jaeger: { storage: { type: "elasticsearch", elasticsearch: { server_urls: ["http://es:9200"], index_prefix: "mesh", username: "jaeger", passwordSecret: { name: "es-cred", key: "password" } } } },
            },
        });
        const values = addon(run, "jaeger").inputs.values;
        const store = values.userconfig.extensions.jaeger_storage.backends.primary_store;
        assert.deepEqual(store, {
            elasticsearch: {
                server_urls: ["http://es:9200"],
                indices: { index_prefix: "mesh" },
                auth: { basic: { username: "jaeger", password: "${env:JAEGER_STORAGE_PASSWORD}" } },
            },
        });
        assert.deepEqual(values.jaeger.extraEnv, [{ name: "JAEGER_STORAGE_PASSWORD", valueFrom: { secretKeyRef: { name: "es-cred", key: "password" } } }]);
        assert.equal(ofType(run, PVC).length, 0, "no badger volume for a remote backend");
    });

    it("gives Kiali a stable signing key: fixed in dev, made once and kept in a Secret in production, the stack's own when set", async () => {
        // Without one the chart renders a random key, and every update would restart Kiali.
        assert.equal(addon(runs.dev, "kiali-server").inputs.values.login_token.signing_key.length, 16);
        assert.equal(ofType(runs.dev, SECRET).length, 0, "dev's fixed key needs no Secret");
        const kiali = addon(runs.prod, "kiali-server");
        assert.equal(kiali.inputs.values.login_token?.signing_key, "secret:kiali-signing-key:key");
        const [secret] = ofType(runs.prod, SECRET).filter((r) => r.inputs.metadata.name === "kiali-signing-key");
        assert.ok(secret, "production makes the key's Secret");
        assert.equal(secret.inputs.metadata.namespace, kiali.inputs.namespace);
        assert.ok(kiali.dependencies.includes(secret.urn), "the chart waits for the Secret its pod mounts");
        assert.equal(runs.prod.resources.filter((r) => r.type === SECRET).length, 1);
        // Made once: later runs make another key, which ignoreChanges keeps out of every update.
        assert.deepEqual(secret.ignoreChanges, ["stringData", "data"]);
        const run = await runProgram({ ...readStackFile("prod"), "istio-mesh:observability": { kiali: { signingKey: "secret:kiali:signing-key" } } });
        assert.equal(addon(run, "kiali-server").inputs.values.login_token.signing_key, "secret:kiali:signing-key");
        assert.equal(ofType(run, SECRET).filter((r) => r.inputs.metadata.name === "kiali-signing-key").length, 0);
    });

    it("makes a 32-character key, a length Kiali takes, kept secret", async () => {
        const [secret] = ofType(runs.prod, SECRET).filter((r) => r.inputs.metadata.name === "kiali-signing-key");
        assert.match(JSON.stringify(secret.inputs.stringData), /4dabf18193072939515e22adb298388d/, "a Pulumi secret");
        const key = secret.inputs.stringData.value.key as string;
        assert.match(key, /^[A-Za-z0-9_-]{32}$/);
    });

    it("installs each addon only when enabled, and turns Kiali's tracing off without Jaeger", async () => {
        const run = await runProgram({
            ...readStackFile("dev"),
            "istio-mesh:observability": { tracing: { enabled: false }, jaeger: { enabled: false } },
        });
        assert.equal(ofType(run, CHART).find((c) => c.inputs.chart === "jaeger"), undefined);
        assert.deepEqual(addon(run, "kiali-server").inputs.values.external_services.tracing, { enabled: false });
        assert.deepEqual(Object.keys(run.outputs.dashboards as object).sort(), ["kiali", "prometheus"]);
        const none = await runProgram({
            ...readStackFile("dev"),
            "istio-mesh:observability": { tracing: { enabled: false }, jaeger: { enabled: false }, kiali: { enabled: false }, prometheus: { enabled: false } },
        });
        assert.equal(ofType(none, CHART).filter((c) => c.inputs.chart in PINNED).length, 0);
        assert.deepEqual(none.outputs.dashboards, {});
    });

    it("adds the stack's kubeconfig context to the dashboard commands", async () => {
        const run = await runProgram({ ...readStackFile("dev"), "istio-mesh:kubernetes": { context: "kind-mesh" } });
        const dashboards = run.outputs.dashboards as Record<string, { command: string }>;
        assert.match(dashboards.kiali.command, /^kubectl --context kind-mesh -n istio-system port-forward svc\/kiali /);
    });
});
