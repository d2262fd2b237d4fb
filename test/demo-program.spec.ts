import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import * as path from "path";
import { policies } from "../policies/rules";
import { readPolicyConfig } from "../policies/runner/config";
import { evaluatePolicies } from "../policies/runner/evaluate";
import { benchStackConfig } from "../bench/stack-config";
import { PROJECT_ROOT } from "../scripts/mock-program";
import { parseEnvironment } from "../stacks/load";
import { ISTIO_REFERENCE, readYaml } from "./helpers/chart-values";
import { isAllowed, PolicyObject } from "./helpers/istio-authz";
import { HttpRoute, routeFor } from "./helpers/istio-routing";
import { named, ofType, ProgramRun, readStackFile, Registered, runProgram, runStack, shippedStackRuns } from "./helpers/mock-program";
import { assertProblem, configProblems } from "./helpers/problems";
import { seedObject, skipWithoutSeed } from "./helpers/seed";
import { Call, shellCalls } from "./helpers/shell-calls";

const DEMO = "istio-mesh:demo:DemoWorkloads";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const VS = "kubernetes:networking.istio.io/v1:VirtualService";
const DR = "kubernetes:networking.istio.io/v1:DestinationRule";
const AUTHZ = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const PEER = "kubernetes:security.istio.io/v1:PeerAuthentication";
const WORKLOAD_TYPES = [DEMO, DEPLOYMENT, SERVICE, ACCOUNT];

type Labels = Record<string, string>;

const fqdn = (o: Registered) => `${o.inputs.metadata.name}.${o.inputs.metadata.namespace}.svc.cluster.local`;
const podLabels = (d: Registered): Labels => d.inputs.spec.template.metadata.labels;
const selects = (selector: Labels, labels: Labels) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const containers = (d: Registered): Array<Record<string, any>> => d.inputs.spec.template.spec.containers;

/** Deployments in `namespace` whose pods carry every label of `selector`. */
function podsOf(run: ProgramRun, namespace: string, selector: Labels): Registered[] {
    return ofType(run, DEPLOYMENT).filter((d) => d.inputs.metadata.namespace === namespace && selects(selector, podLabels(d)));
}

function serviceFor(run: ProgramRun, host: string): Registered {
    const found = ofType(run, SERVICE).find((s) => fqdn(s) === host);
    assert.ok(found, `a Service for ${host}`);
    return found;
}

function ruleFor(run: ProgramRun, type: string, host: string): Registered {
    const found = ofType(run, type).find((r) => (type === VS ? r.inputs.spec.hosts.includes(host) : r.inputs.spec.host === host));
    assert.ok(found, `a ${type.split(":").pop()} for ${host}`);
    return found;
}

/** The pods a subset of `host` sends to: the Service's selector plus the subset's labels. */
function subsetPods(run: ProgramRun, host: string, subset: string | undefined): Registered[] {
    const service = serviceFor(run, host);
    const labels = subset === undefined ? {} : ruleFor(run, DR, host).inputs.spec.subsets.find((s: { name: string }) => s.name === subset)?.labels;
    assert.ok(labels, `${host} declares subset ${subset}`);
    return podsOf(run, service.inputs.metadata.namespace, { ...service.inputs.spec.selector, ...labels });
}

/** The one Deployment running a shell loop (the api-gateway), and the calls ten passes of it make. */
function loop(run: ProgramRun): { caller: Registered; calls: Call[] } {
    const callers = ofType(run, DEPLOYMENT).filter((d) => containers(d).some((c) => c.command?.[0] === "/bin/sh"));
    assert.equal(callers.length, 1, "one Deployment generates traffic");
    return { caller: callers[0], calls: shellCalls(containers(callers[0])[0].command, 10).calls };
}

function principalOf(run: ProgramRun, d: Registered): string {
    const trustDomain = named(run, "istio-istiod").inputs.values.meshConfig.trustDomain;
    return `${trustDomain}/ns/${d.inputs.metadata.namespace}/sa/${d.inputs.spec.template.spec.serviceAccountName}`;
}

/** Whether the stack's AuthorizationPolicies let `caller` make `call` (to the first pod behind the URL's Service). */
function allowed(run: ProgramRun, caller: Registered, call: Call): boolean {
    const url = new URL(call.url);
    const service = serviceFor(run, url.hostname);
    const [target] = podsOf(run, service.inputs.metadata.namespace, service.inputs.spec.selector);
    return isAllowed(ofType(run, AUTHZ).map((p) => p.inputs as PolicyObject), {
        namespace: target.inputs.metadata.namespace,
        labels: podLabels(target),
        principal: principalOf(run, caller),
        sourceNamespace: caller.inputs.metadata.namespace,
        method: call.method,
        path: url.pathname,
    });
}

function headersOf(call: Call): Labels {
    return Object.fromEntries(call.headers.map((h) => {
        const colon = h.indexOf(":");
        return [h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim()];
    }));
}

describe("demo workloads under mocks", () => {
    const runs = shippedStackRuns();

    describe("dev", () => {
        it("registers the seed's workloads in the injected namespace default, as children of one DemoWorkloads named after it", () => {
            const [demo] = ofType(runs.dev, DEMO);
            assert.equal(demo.name, "demo");
            const children = [DEPLOYMENT, SERVICE, ACCOUNT].flatMap((t) => ofType(runs.dev, t));
            for (const child of children) {
                assert.equal(child.parent, demo.urn, `${child.name} is a child of the component`);
                assert.equal(child.name, `demo-${child.inputs.metadata.name}`);
                assert.equal(child.inputs.metadata.namespace, "default");
            }
            assert.deepEqual(ofType(runs.dev, DEPLOYMENT).map((d) => d.inputs.metadata.name).sort(), ["api-gateway", "myapp-v1", "myapp-v2", "orders"]);
            assert.deepEqual(ofType(runs.dev, SERVICE).map((s) => s.inputs.metadata.name).sort(), ["myapp", "orders"]);
            const patch = named(runs.dev, "default", "kubernetes:core/v1:NamespacePatch");
            assert.equal(patch.inputs.metadata.labels["istio-injection"], "enabled", "namespace default gets sidecars");
        });

        it("every DestinationRule subset of the dev services has pods, and each Service's pods all belong to a subset", () => {
            const rules = ofType(runs.dev, DR);
            assert.equal(rules.length, 2);
            for (const rule of rules) {
                const host = rule.inputs.spec.host;
                const service = serviceFor(runs.dev, host);
                const all = podsOf(runs.dev, service.inputs.metadata.namespace, service.inputs.spec.selector);
                assert.ok(all.length > 0, `${host} has pods`);
                const subsets: Array<{ name: string }> = rule.inputs.spec.subsets ?? [];
                const inSubsets = subsets.flatMap((s) => {
                    const pods = subsetPods(runs.dev, host, s.name);
                    assert.equal(pods.length, 1, `${host} subset ${s.name} selects one Deployment`);
                    return pods;
                });
                if (subsets.length > 0) assert.deepEqual(inSubsets.map((d) => d.name).sort(), all.map((d) => d.name).sort());
            }
            // The seed's versions: the pods' own version label and what the app reports.
            for (const d of subsetPods(runs.dev, "myapp.default.svc.cluster.local", "v2")) {
                assert.deepEqual(containers(d)[0].env, [{ name: "SERVICE_VERSION", value: podLabels(d).version }]);
            }
        });

        it("the api-gateway's loop calls Service ports its pods serve over HTTP, and takes every route of the VirtualServices it calls", () => {
            const { calls } = loop(runs.dev);
            const taken = new Map<string, Set<HttpRoute>>();
            for (const call of calls) {
                const url = new URL(call.url);
                const service = serviceFor(runs.dev, url.hostname);
                const [port] = service.inputs.spec.ports;
                assert.equal(Number(url.port), port.port, call.url);
                assert.equal(port.name, "http", "Istio sees HTTP by the port name");
                const http: HttpRoute[] = ruleFor(runs.dev, VS, url.hostname).inputs.spec.http;
                const route = routeFor(http, { path: url.pathname, headers: headersOf(call) });
                for (const { destination } of route.route) {
                    const pods = subsetPods(runs.dev, destination.host, destination.subset);
                    assert.ok(pods.length > 0, `${call.url} -> ${destination.subset} has pods`);
                    for (const d of pods) assert.ok(containers(d).some((c) => c.ports?.some((p: { containerPort: number }) => p.containerPort === port.targetPort)));
                }
                taken.set(url.hostname, (taken.get(url.hostname) ?? new Set()).add(route));
            }
            for (const vs of ofType(runs.dev, VS)) {
                assert.equal(taken.get(vs.inputs.spec.hosts[0])?.size, vs.inputs.spec.http.length, `every route of ${vs.inputs.spec.hosts[0]} is exercised`);
            }
        });

        it("orders-policy selects the orders pods and names the api-gateway's ServiceAccount; its GET and POST get through, its DELETE does not", () => {
            const { caller, calls } = loop(runs.dev);
            const [policy] = ofType(runs.dev, AUTHZ).filter((p) => p.inputs.metadata.name === "orders-policy");
            const orders = serviceFor(runs.dev, "orders.default.svc.cluster.local");
            const selected = podsOf(runs.dev, policy.inputs.metadata.namespace, policy.inputs.spec.selector.matchLabels);
            assert.deepEqual(selected.map((d) => d.name), podsOf(runs.dev, "default", orders.inputs.spec.selector).map((d) => d.name));
            const principals = policy.inputs.spec.rules.flatMap((r: any) => r.from.flatMap((f: any) => f.source.principals));
            assert.deepEqual(principals, [principalOf(runs.dev, caller)]);

            const toOrders = calls.filter((c) => new URL(c.url).hostname === "orders.default.svc.cluster.local");
            const decided = toOrders.map((c) => `${c.method} ${allowed(runs.dev, caller, c) ? "allowed" : "denied"}`);
            assert.deepEqual([...new Set(decided)].sort(), ["DELETE denied", "GET allowed", "POST allowed"]);
            // Another identity is refused, so the policy is what lets the api-gateway in.
            const myapp = named(runs.dev, "demo-myapp-v1", DEPLOYMENT);
            assert.equal(allowed(runs.dev, myapp, toOrders[0]), false);
        });

        it("every pod carries the seed's sidecar resource annotations, all current Istio 1.30.3 pod annotations", function () {
            skipWithoutSeed(this);
            const seed = (seedObject("Resource Allocation", "Pod").metadata as unknown as { annotations: Labels }).annotations;
            const catalogue = (readYaml(path.join(ISTIO_REFERENCE, "api/annotations.yaml")) as { annotations: Array<{ name: string; deprecated: boolean; resources: string[] }> }).annotations;
            for (const d of ofType(runs.dev, DEPLOYMENT)) {
                assert.deepEqual(d.inputs.spec.template.metadata.annotations, seed, d.name);
            }
            for (const name of Object.keys(seed)) {
                const entry = catalogue.find((a) => a.name === name);
                assert.ok(entry && !entry.deprecated && entry.resources.includes("Pod"), `${name} is a current pod annotation`);
            }
        });

        it("pins every image to a tag other than latest", () => {
            for (const d of ofType(runs.dev, DEPLOYMENT)) {
                for (const c of containers(d)) {
                    const last = c.image.split("/").pop() as string;
                    assert.match(last, /^[^:@]+(:[^:@]+)?(@sha256:[a-f0-9]{64})?$/, c.image);
                    const tag = last.includes(":") ? last.split(":")[1].split("@")[0] : undefined;
                    assert.ok(tag !== undefined || last.includes("@sha256:"), `${c.image} has a tag or digest`);
                    assert.notEqual(tag, "latest", c.image);
                }
            }
        });

        it("runs every Deployment as a ServiceAccount it creates in the same namespace, and uses every one", () => {
            const accounts = ofType(runs.dev, ACCOUNT).map((a) => `${a.inputs.metadata.namespace}/${a.inputs.metadata.name}`);
            const used = ofType(runs.dev, DEPLOYMENT).map((d) => `${d.inputs.metadata.namespace}/${d.inputs.spec.template.spec.serviceAccountName}`);
            assert.deepEqual([...new Set(used)].sort(), accounts.sort());
        });

        it("gives every container requests and limits, and every server readiness and liveness probes on its port", () => {
            for (const d of ofType(runs.dev, DEPLOYMENT)) {
                for (const c of containers(d)) {
                    assert.ok(c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.cpu && c.resources.limits.memory, d.name);
                    for (const { containerPort } of c.ports ?? []) {
                        assert.equal(c.readinessProbe.httpGet.port, containerPort, d.name);
                        assert.equal(c.livenessProbe.httpGet.port, containerPort, d.name);
                    }
                }
            }
        });

        it("starts pods after istiod, the namespace's injection label, the security policies, their ServiceAccount and the traffic rules of the hosts they serve or call", () => {
            const { caller, calls } = loop(runs.dev);
            const common = [
                named(runs.dev, "istio-istiod").urn,
                named(runs.dev, "default", "kubernetes:core/v1:NamespacePatch").urn,
                ...ofType(runs.dev, PEER).map((p) => p.urn),
                ...ofType(runs.dev, AUTHZ).map((p) => p.urn),
            ];
            for (const d of ofType(runs.dev, DEPLOYMENT)) {
                const served = ofType(runs.dev, SERVICE).filter((s) => selects(s.inputs.spec.selector, podLabels(d))).map(fqdn);
                const called = d === caller ? calls.map((c) => new URL(c.url).hostname) : [];
                const hosts = new Set([...served, ...called]);
                assert.ok(hosts.size > 0, `${d.name} serves or calls a host`);
                const account = ofType(runs.dev, ACCOUNT).find((a) => a.inputs.metadata.name === d.inputs.spec.template.spec.serviceAccountName)!;
                const rules = [...ofType(runs.dev, DR), ...ofType(runs.dev, VS)];
                const mine = rules.filter((r) => hosts.has(r.inputs.spec.host ?? r.inputs.spec.hosts[0]));
                assert.equal(mine.length, 2 * hosts.size, `${d.name}: a DestinationRule and a VirtualService per host`);
                for (const urn of [...common, account.urn, ...mine.map((r) => r.urn)]) {
                    assert.ok(d.dependencies.includes(urn), `${d.name} waits for ${urn.split("::").pop()}`);
                }
                for (const other of rules.filter((r) => !mine.includes(r))) {
                    assert.ok(!d.dependencies.includes(other.urn), `${d.name} does not wait for ${other.name}`);
                }
            }
        });
    });

    describe("per profile and stack", () => {
        it("prod registers no demo workloads", () => {
            for (const type of WORKLOAD_TYPES) assert.deepEqual(ofType(runs.prod, type), [], type);
        });

        it("the demo profile turns them on and production off; a demo stack can turn them off and a production stack on", async () => {
            assert.deepEqual(parseEnvironment({ profile: "demo" }).demo, { enabled: true });
            assert.deepEqual(parseEnvironment({ profile: "production" }).demo, { enabled: false });
            const off = await runProgram({ ...readStackFile("dev"), "istio-mesh:demo": { enabled: false } });
            for (const type of WORKLOAD_TYPES) assert.deepEqual(ofType(off, type), [], type);
            const on = await runProgram({ ...readStackFile("prod"), "istio-mesh:demo": { enabled: true } });
            assert.equal(ofType(on, DEPLOYMENT).length, 4);
        });

        it("wait for the policies of their namespace and the root namespace, not for every namespace's", async () => {
            // The bench's demo stack: policies in team namespaces besides the demo's own.
            const run = await runProgram(benchStackConfig(40, "demo"), "bench");
            const policies = [...ofType(run, AUTHZ), ...ofType(run, PEER)];
            const applies = (p: Registered) => ["default", "istio-system"].includes(p.inputs.metadata.namespace);
            assert.ok(policies.some(applies) && policies.some((p) => !applies(p)), "policies in both kinds of namespace");
            for (const d of ofType(run, DEPLOYMENT)) {
                assert.deepEqual(policies.filter((p) => d.dependencies.includes(p.urn)).map((p) => p.urn).sort(),
                    policies.filter(applies).map((p) => p.urn).sort(), d.name);
            }
        });

        it("under production's deny by default, prod's policies let the api-gateway's calls through except the DELETE", async () => {
            const on = await runProgram({ ...readStackFile("prod"), "istio-mesh:demo": { enabled: true } });
            assert.ok(ofType(on, AUTHZ).some((p) => p.inputs.metadata.name === "allow-nothing"), "prod denies by default");
            const { caller, calls } = loop(on);
            for (const call of calls) {
                assert.equal(allowed(on, caller, call), call.method !== "DELETE", `${call.method} ${call.url}`);
            }
        });

        it("warns when the demo's namespace is not labelled for injection, and not otherwise", async () => {
            const warnings: string[] = [];
            const original = pulumi.log.warn;
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (msg: string) => { warnings.push(msg); return Promise.resolve(); };
            try {
                await runProgram({ ...readStackFile("dev"), "istio-mesh:namespaces": {} });
                await runStack("dev");
            } finally {
                (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
            }
            assert.deepEqual(warnings.filter((w) => w.startsWith("istio-mesh:demo")), [
                "istio-mesh:demo: the demo workloads run in namespace default, which istio-mesh:namespaces does not label for injection, so they get no sidecars; add default: {create: false} there",
            ]);
        });
    });

    describe("the policy pack", () => {
        for (const stack of ["dev", "prod"]) {
            it(`has nothing to say about them on ${stack} (with them turned on), and does judge their Deployments`, async () => {
                const run = await runProgram({ ...readStackFile(stack), "istio-mesh:demo": { enabled: true } }, stack);
                const config = readPolicyConfig(path.join(PROJECT_ROOT, "policies/config", `${stack}.json`), policies.map((p) => p.name));
                const report = await evaluatePolicies(policies, run.resources, { config });
                const demo = new Set(WORKLOAD_TYPES.flatMap((t) => ofType(run, t)).map((r) => r.urn));
                assert.deepEqual([...report.violations, ...report.remediations].filter((v) => v.urn && demo.has(v.urn)), []);
                for (const d of ofType(run, DEPLOYMENT)) {
                    assert.ok(!report.notApplicable.some((n) => n.policy === "workload-sidecar-resources" && n.urn === d.urn), `${d.name} is judged`);
                }
            });
        }
    });

    describe("config errors", () => {
        it("name the key, what is allowed and what was given", () => {
            assertProblem(configProblems({ profile: "demo", demo: { enabled: "yes" } }), `istio-mesh:demo.enabled: expected boolean, got "yes"`);
            assertProblem(configProblems({ profile: "production", demo: { workloads: true } }), "istio-mesh:demo.workloads: unknown key; allowed here: enabled");
            assertProblem(configProblems({ profile: "demo", demo: true }), "istio-mesh:demo: expected object, got true");
        });

        it("stop the program before anything is registered, in the config error format", async () => {
            const registered: never[] = [];
            await assert.rejects(runProgram({ ...readStackFile("dev"), "istio-mesh:demo": { enabled: "yes" } }, "bad", registered),
                (err: Error) => err.message === `invalid stack configuration (1 problem):\n  - istio-mesh:demo.enabled: expected boolean, got "yes"`);
            assert.deepEqual(registered, []);
        });
    });
});
