import { strict as assert } from "assert";
import * as path from "path";
import { policies } from "../../policies/rules";
import { parse } from "../../policies/rules/lib/messages";
import { readPolicyConfig } from "../../policies/runner/config";
import { evaluatePolicies, mandatoryViolations, Report, StackResource } from "../../policies/runner/evaluate";
import { formatReport } from "../../policies/runner/table";
import { assertValidIstioObject } from "../helpers/istio-crd-validator";
import { PROJECT_ROOT, readStackFile, Registered, runProgram, runStack } from "../helpers/mock-program";
import { readmeExample } from "../helpers/readme-examples";
import { deployment, Fixture, istio, Obj } from "./helpers";

const configFor = (env: string) => readPolicyConfig(path.join(PROJECT_ROOT, "policies/config", `${env}.json`), policies.map((p) => p.name));

function asStackResources(registered: Registered[]): StackResource[] {
    return registered.map(({ type, name, urn, inputs, parent, dependencies, provider }) => structuredClone({ type, name, urn, inputs, parent, dependencies, provider }));
}

const add = (...fixtures: Fixture[]): StackResource[] => fixtures.map((f) => ({ type: f.type, name: f.name, urn: f.urn, inputs: f.props }));

async function prodStack(configChange: Obj = {}): Promise<StackResource[]> {
    const run = await runProgram({ ...readStackFile("prod"), ...configChange }, "prod");
    return asStackResources(run.resources);
}

const evaluate = (resources: StackResource[], env = "prod") => evaluatePolicies(policies, resources, { config: configFor(env) });
const failing = (report: Report) => [...new Set(mandatoryViolations(report).map((v) => v.policy))].sort();

function find(resources: StackResource[], type: RegExp, name: string): StackResource {
    const r = resources.find((x) => type.test(x.type) && (x.inputs.metadata?.name === name || x.name === name));
    if (!r) throw new Error(`no ${type} ${name}`);
    return r;
}

describe("policy pack on the stacks (under mocks)", () => {
    it("dev: no mandatory violation with policies/config/dev.json", async () => {
        const report = await evaluate(asStackResources((await runStack("dev")).resources), "dev");
        assert.deepEqual(mandatoryViolations(report), []);
    });

    it("prod: zero mandatory violations with policies/config/prod.json", async () => {
        const report = await evaluate(asStackResources((await runStack("prod")).resources));
        assert.deepEqual(mandatoryViolations(report), [], formatReport(report));
    });

    it("prod previews without warnings: no advisory violation either", async () => {
        const report = await evaluate(asStackResources((await runStack("prod")).resources));
        assert.deepEqual(report.violations, [], formatReport(report));
    });

    it("dev previews without warnings: myapp has a circuit breaker, and dev's policy config accepts the demo's anonymous Kiali", async () => {
        const report = await evaluate(asStackResources((await runStack("dev")).resources), "dev");
        assert.deepEqual(report.violations, [], formatReport(report));
        // Without the knob, the anonymous Kiali is still reported: the exemption is dev's, not the policy's.
        const strict = await evaluatePolicies(policies, asStackResources((await runStack("dev")).resources), { config: { ...configFor("dev"), "platform-kiali-auth": "advisory" } });
        assert.deepEqual(strict.violations.map((v) => `${v.policy} ${parse(v.message)?.args.subject}`), ["platform-kiali-auth Kiali chart observability-kiali"]);
    });

    it("prod registers the seed's resources the variants below break", async () => {
        const resources = await prodStack();
        for (const [type, name] of [[/VirtualService/, "myapp"], [/DestinationRule/, "myapp"], [/AuthorizationPolicy/, "orders-policy"], [/PeerAuthentication/, "default"], [/helm/, "observability-kiali"]] as const) {
            assert.ok(find(resources, type, name));
        }
    });

    const broken: { what: string; policies: string[]; config?: Obj; change?: (rs: StackResource[]) => StackResource[] | void }[] = [
        {
            what: "config: a single gateway replica without PDB",
            policies: ["platform-control-plane-ha"],
            config: { "istio-mesh:istio": { revision: "1-30-3", gateway: { autoscaleMin: 1, podDisruptionBudget: false } } },
        },
        {
            what: "config: istiod without PodDisruptionBudget",
            policies: ["platform-control-plane-ha"],
            config: { "istio-mesh:istio": { revision: "1-30-3", istiod: { podDisruptionBudget: false } } },
        },
        {
            what: "config: deny by default turned off",
            policies: ["authz-namespace-deny-by-default"],
            config: { "istio-mesh:security": { authorization: { denyByDefault: false } } },
        },
        {
            what: "config: mesh-wide mTLS PERMISSIVE",
            policies: ["mtls-mesh-wide-strict", "mtls-peer-authentication-mode"],
            config: { "istio-mesh:security": { mtls: { mode: "PERMISSIVE" } } },
        },
        {
            what: "istiod chart from another Istio release",
            policies: ["platform-istio-chart-versions"],
            change: (rs) => void (find(rs, /helm/, "istio-istiod").inputs.version = "1.29.2"),
        },
        {
            what: "namespace labelled with both injection labels",
            policies: ["namespace-single-injection-label"],
            change: (rs) => void (find(rs, /NamespacePatch/, "default").inputs.metadata.labels["istio-injection"] = "enabled"),
        },
        {
            what: "namespace labelled with a revision nobody installs",
            policies: ["namespace-revision-installed"],
            change: (rs) => void (find(rs, /NamespacePatch/, "default").inputs.metadata.labels["istio.io/rev"] = "1-29-0"),
        },
        {
            what: "mesh-wide PeerAuthentication PERMISSIVE",
            policies: ["mtls-mesh-wide-strict", "mtls-peer-authentication-mode"],
            change: (rs) => void (find(rs, /PeerAuthentication/, "default").inputs.spec.mtls.mode = "PERMISSIVE"),
        },
        {
            what: "DestinationRule turning TLS off",
            policies: ["mtls-destination-rule-tls"],
            change: (rs) => void (find(rs, /DestinationRule/, "myapp").inputs.spec.trafficPolicy.tls = { mode: "DISABLE" }),
        },
        {
            what: "allow-all rule in the orders policy",
            policies: ["authz-no-allow-all"],
            change: (rs) => void find(rs, /AuthorizationPolicy/, "orders-policy").inputs.spec.rules.push({}),
        },
        {
            what: "principal that is not a SPIFFE identity",
            policies: ["authz-principals"],
            change: (rs) => void (find(rs, /AuthorizationPolicy/, "orders-policy").inputs.spec.rules[0].from[0].source.principals = ["api-gateway"]),
        },
        {
            what: "lower-case method",
            policies: ["authz-methods"],
            change: (rs) => void (find(rs, /AuthorizationPolicy/, "orders-policy").inputs.spec.rules[0].to[0].operation.methods = ["get"]),
        },
        {
            what: "allow-nothing policy removed from the registered resources",
            policies: ["authz-namespace-deny-by-default"],
            change: (rs) => rs.filter((r) => !(r.type.includes("AuthorizationPolicy") && Object.keys(r.inputs.spec ?? {}).length === 0)),
        },
        {
            what: "canary routing to a subset the DestinationRule lacks",
            policies: ["routing-subsets-defined"],
            change: (rs) => void (find(rs, /VirtualService/, "myapp").inputs.spec.http[1].route[1].destination.subset = "v3"),
        },
        {
            what: "canary weights 90/20",
            policies: ["routing-weights-sum-to-100"],
            change: (rs) => void (find(rs, /VirtualService/, "myapp").inputs.spec.http[1].route[1].weight = 20),
        },
        {
            what: "VirtualService for every host",
            policies: ["routing-virtual-service-wildcard-hosts"],
            change: (rs) => void (find(rs, /VirtualService/, "myapp").inputs.spec.hosts = ["*"]),
        },
        {
            what: "a second DestinationRule for myapp",
            policies: ["routing-one-destination-rule-per-host"],
            change: (rs) => [...rs, ...add(istio("DestinationRule", "myapp-canary", "default", { host: "myapp.default.svc.cluster.local", exportTo: ["."] }))],
        },
        {
            what: "a DestinationRule for myapp exported to the ingress gateway from a namespace it never reads one from",
            policies: ["routing-destination-rule-namespace"],
            change: (rs) => [...rs, ...add(istio("DestinationRule", "myapp-from-shop", "shop", {
                host: "myapp.default.svc.cluster.local", exportTo: [".", "istio-ingress"], subsets: [{ name: "v1", labels: { version: "v1" } }] }))],
        },
        {
            what: "retries longer than the route timeout",
            policies: ["resilience-retry-budget"],
            change: (rs) => void (find(rs, /VirtualService/, "myapp").inputs.spec.http[1].retries.perTryTimeout = "4s"),
        },
        {
            what: "workload opting out of injection in an injected namespace",
            policies: ["workload-injection-opt-out"],
            change: (rs) => [...rs, ...add(deployment("orders", "default", { labels: { "sidecar.istio.io/inject": "false" } }))],
        },
        {
            what: "config: Kiali opened to anonymous users",
            policies: ["platform-kiali-auth"],
            config: { "istio-mesh:observability": { kiali: { auth: { strategy: "anonymous" }, allowAnonymous: true } } },
        },
        {
            what: "Kiali chart exposing a LoadBalancer Service",
            policies: ["platform-addon-service-type"],
            change: (rs) => void (find(rs, /helm/, "observability-kiali").inputs.values.deployment.service_type = "LoadBalancer"),
        },
    ];

    for (const variant of broken) {
        it(`prod, broken: ${variant.what} -> ${variant.policies.join(", ")}`, async () => {
            let resources = await prodStack(variant.config);
            resources = variant.change?.(resources) ?? resources;
            // Each breakage is one the API server accepts: only the policy stops it.
            resources.filter((r) => r.type.includes("istio.io/")).forEach((r) => assertValidIstioObject(r.inputs));
            const report = await evaluate(resources);
            assert.deepEqual(failing(report), variant.policies, formatReport(report));
        });
    }

    it("the sidecar-resources remediation sizes prod workloads instead of failing them", async () => {
        const resources = [...(await prodStack()), ...add(deployment("orders", "default"))];
        const report = await evaluate(resources);
        assert.deepEqual(failing(report), []);
        assert.deepEqual(report.remediations.map((r) => r.policy), ["workload-sidecar-resources"]);
    });

    it("the sidecar-resources remediation leaves what the engine renders into cert-manager (istio-csr) alone", async () => {
        const resources = await prodStack();
        const csrChart = resources.find((r) => r.type.includes("helm") && r.inputs.chart === "cert-manager-istio-csr");
        assert.ok(csrChart, "prod installs istio-csr");
        const csr = { ...add(deployment("cert-manager-istio-csr", "cert-manager"))[0], parent: csrChart.urn };
        const report = await evaluate([...resources, csr]);
        assert.deepEqual(report.remediations, []);
        assert.deepEqual(failing(report), []);
    });

    for (const env of ["dev", "prod"]) {
        it(`${env}: workload-sidecar-resources names exactly the namespaces the stack labels for injection`, async () => {
            const run = await runStack(env);
            const knobs = configFor(env)["workload-sidecar-resources"] as { injectedNamespaces: string[] };
            assert.deepEqual([...knobs.injectedNamespaces].sort(), [...(run.outputs.injectedNamespaces as string[])].sort());
        });
    }

    it("the egress gateway's mutual TLS origination (docs example) passes the DestinationRule checks; its DestinationRule left with the VirtualService does not", async () => {
        const judged = ["mtls-destination-rule-ca-certificates", "routing-destination-rule-namespace"];
        const flagged = async (config: Obj) => {
            const run = await runProgram({ "istio-mesh:profile": "demo", "istio-mesh:demo": { enabled: false }, ...config });
            const report = await evaluate(asStackResources(run.resources), "dev");
            return report.violations.filter((v) => judged.includes(v.policy)).map((v) => `${v.policy} ${parse(v.message)?.args.subject}`).sort();
        };
        const example = readmeExample("egress-gateway-mtls-origination");
        assert.deepEqual(await flagged(example), []);
        const together = structuredClone(example) as Obj;
        delete together["istio-mesh:services"]["direct-nginx-through-egress-gateway"].destinationRule;
        assert.deepEqual(await flagged(together), judged.map((p) => `${p} DestinationRule default/direct-nginx-through-egress-gateway`));
    });

    it("the dev config reports the same breakage as advisory", async () => {
        const dev = asStackResources((await runStack("dev")).resources);
        const report = await evaluate([...dev, ...add(istio("PeerAuthentication", "default", "istio-system", { mtls: { mode: "DISABLE" } }))], "dev");
        assert.deepEqual(mandatoryViolations(report), []);
        assert.ok(report.violations.some((v) => v.policy === "mtls-peer-authentication-mode" && v.enforcement === "advisory"));
    });
});
