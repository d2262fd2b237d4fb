import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { chartDefaults, readYaml, REFERENCE, unknownKeys } from "./helpers/chart-values";
import { ofType, ProgramRun, readStackFile, Registered, runProgram, runStack } from "./helpers/mock-program";

const ADDON_CHARTS = ["prometheus", "jaeger", "kiali-server"];

/** The reference copy of a chart at the version the program pins: `charts/<chart>-<version>/` of the reference data. */
function referenceDir(chart: Registered): string {
    return path.join(REFERENCE, "charts", `${chart.inputs.chart}-${chart.inputs.version}`);
}

/**
 * Keys the charts take although their values.yaml does not list them, each with
 * where the chart (or the program it configures) documents it. Anything else
 * unknown fails the test.
 */
const DOCUMENTED_ELSEWHERE: Record<string, Array<[string, (valuesText: string) => boolean]>> = {
    // kiali-server writes its values into Kiali's config.yaml ("Most of .Values is simply the ConfigMap",
    // templates/configmap.yaml); the values file lists only what the chart itself reads. These two are
    // Kiali config fields documented in the Kiali CR reference (spec.external_services.prometheus.url,
    // spec.external_services.tracing) and in kiali.io's Jaeger configuration page.
    "kiali-server": [
        ["external_services.prometheus.url", (t) => /^external_services:\n(?: {2}.*\n)*? {2}prometheus:\n {4}enabled: true$/m.test(t)],
        ["external_services.tracing", (t) => /^external_services:$/m.test(t)],
    ],
    // The jaeger chart documents its container resources only as a commented-out example.
    jaeger: [["jaeger.resources", (t) => /^jaeger:\n(?: {2}.*\n| *\n)*? {2}# resources:$/m.test(t)]],
};

// Kiali's tracing fields (kiali.io, "Jaeger" configuration page and Kiali CR reference).
const KIALI_TRACING_FIELDS = ["enabled", "provider", "internal_url", "external_url", "use_grpc"];

// Values passed through untyped: Kubernetes objects, and Jaeger's own config file.
const FREE_FORM = ["resources", "userconfig", "pod_labels", "podLabels"];

export function addonKeyProblems(chart: Registered): string[] {
    const file = path.join(referenceDir(chart), "values.yaml");
    const text = fs.readFileSync(file, "utf8");
    const documented = (DOCUMENTED_ELSEWHERE[chart.inputs.chart] ?? []).filter(([, where]) => where(text)).map(([key]) => key);
    return unknownKeys(chart.inputs.values, chartDefaults(file), { freeForm: FREE_FORM }).filter((k) => !documented.includes(k));
}

function addonCharts(run: ProgramRun): Registered[] {
    return ofType(run, "kubernetes:helm.sh/v4:Chart").filter((c) => ADDON_CHARTS.includes(c.inputs.chart));
}

const runs: Array<[string, () => Promise<ProgramRun>]> = [
    ["dev", () => runStack("dev")],
    ["prod", () => runStack("prod")],
    ["prod with OpenSearch and OpenID", () => runProgram({
        ...readStackFile("prod"),
        "istio-mesh:observability": {
            jaeger: { storage: { type: "opensearch", opensearch: { server_urls: ["https://search:9200"], username: "jaeger", passwordSecret: { name: "os", key: "password" } } } },
            kiali: { auth: { strategy: "openid", openid: { client_id: "kiali", issuer_uri: "https://sso.example.com/realms/mesh" } }, signingKey: "secret:kiali-signing-key:key" },
        },
    })],
];

describe("Helm values passed to the addon charts", () => {
    for (const [label, start] of runs) {
        it(`${label}: every key exists in the pinned chart's values (or is documented where noted)`, async () => {
            const charts = addonCharts(await start());
            assert.deepEqual(charts.map((c) => c.inputs.chart).sort(), [...ADDON_CHARTS].sort());
            for (const chart of charts) {
                const pinned = readYaml(path.join(referenceDir(chart), "Chart.yaml")) as { name: string; version: string };
                assert.equal(pinned.name, chart.inputs.chart);
                assert.equal(pinned.version, chart.inputs.version);
                assert.deepEqual(addonKeyProblems(chart), [], `unknown keys for ${chart.inputs.chart}`);
            }
            const kiali = charts.find((c) => c.inputs.chart === "kiali-server")!;
            for (const field of Object.keys(kiali.inputs.values.external_services.tracing)) {
                assert.ok(KIALI_TRACING_FIELDS.includes(field), `Kiali tracing field ${field}`);
            }
        });

        it(`${label}: no addon Service is a LoadBalancer (or NodePort): every one is ClusterIP`, async () => {
            const charts = addonCharts(await start());
            const values = (name: string) => charts.find((c) => c.inputs.chart === name)!.inputs.values;
            assert.equal(values("prometheus").server.service.type, "ClusterIP");
            assert.equal(values("kiali-server").deployment.service_type, "ClusterIP");
            // The jaeger chart has no service type value; its template falls back to ClusterIP.
            assert.equal(values("jaeger").jaeger.service?.type, undefined);
            for (const chart of charts) {
                assert.doesNotMatch(JSON.stringify(chart.inputs.values), /LoadBalancer|NodePort/, chart.inputs.chart);
            }
        });
    }

    it("the key check catches an unknown key, a typo below a known map, and an undocumented Kiali field", () => {
        const fake = (chart: string, version: string, values: object) => ({ inputs: { chart, version, values } }) as unknown as Registered;
        assert.deepEqual(addonKeyProblems(fake("prometheus", "29.27.0", { server: { retension: "1d" }, grafana: {} })),
            ["server.retension", "grafana"]);
        assert.deepEqual(addonKeyProblems(fake("kiali-server", "2.26.0", { external_services: { grafana: { url: "x" } } })),
            ["external_services.grafana"]);
        assert.deepEqual(addonKeyProblems(fake("jaeger", "4.11.1", { jaeger: { service: { type: "LoadBalancer" } } })),
            ["jaeger.service.type"]);
    });
});
