import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT, readStackFile, runProgram } from "../scripts/mock-program";
import { ownConfig, parseEnvironment } from "../stacks/load";
import type { Environment } from "../stacks/schema";
import { URN_LAYOUT } from "../stacks/version-history";
import { setPath } from "./config-path";
import { touchedObjects, upgradeProblems, UpgradeLive, Webhook } from "./upgrade-checks";
import { applyCommands, UPGRADE_STEPS, UpgradeExpectation } from "./upgrade-steps";
import { EXAMPLE_LANGUAGES, ExampleLanguage, Examples } from "./examples";
import { compareObjects, ISTIO_GROUPS, K8sObject, liveIstioObjects, objectKey } from "./live-objects";
import { e2eOverrides, LOCAL_CONTEXT } from "./overrides";
import { chartMirrorDir, cliEnv, commandEnv, linkedProject, localCluster } from "./project";
import { StateResource, unprotectedDescendants } from "./protection";
import { changedSteps, deleteOrder, policyFindings, upSummary } from "./preview-output";
import { fail, must, PhaseFailure, sh, Step, tail } from "./shell";
import { uninstallOrderProblems } from "./uninstall-order";

/**
 * The end-to-end test: the real Pulumi CLI, Node.js host, Kubernetes provider
 * and policy pack against a local control plane (scripts/local-cluster.sh),
 * for each shipped stack: preview with the pack, up, read back, analyze,
 * a clean second preview, one change, destroy. Writes e2e/results.json.
 *
 * Then the canary upgrade (e2e/upgrade-steps.ts) and the uninstall order on
 * a cluster of its own, as stack `upgrade` (the dev stack's config), and the
 * example programs (e2e/examples.ts).
 *
 *   npm run e2e [-- --stack dev|prod|upgrade|none] [-- --examples typescript,python,go|none] [-- --keep]
 */

interface PhaseResult {
    stack: string;
    phase: string;
    ok: boolean;
    seconds: number;
    counts: Record<string, number>;
    detail?: string;
}

const SCRIPTS = path.join(PROJECT_ROOT, "scripts");
const RESULTS = path.join(PROJECT_ROOT, "e2e", "results.json");
const NO_INJECTION_HERE = ["IST0103", "IST0147"];
// What the run uses (local-cluster.sh asks for its own); helm and kwokctl are for people.
const E2E_TOOLS = ["pulumi", "pulumi-language-nodejs", "pulumi-language-python", "pulumi-language-go", "pulumi-resource-kubernetes", "kubectl", "istioctl"];

// What a loaded local API server answers when it runs out of time, not a fault of the program.
const TRANSIENT = /the server was unable to return a response in the time allotted|context deadline exceeded|Client\.Timeout exceeded/;

function chartMirror(): string {
    const { dir, problem } = chartMirrorDir();
    if (problem) fail(problem);
    return dir;
}

/** The linked project with a stack file copied in (`stackFile`'s contents as stack `stack`). */
function makeProject(stack: string, backend: string, stackFile = stack): string {
    const dir = linkedProject(`istio-mesh-e2e-${stack}-`);
    fs.copyFileSync(path.join(PROJECT_ROOT, `Pulumi.${stackFile}.yaml`), path.join(dir, `Pulumi.${stack}.yaml`));
    fs.mkdirSync(backend, { recursive: true });
    return dir;
}

class E2E {
    readonly results: PhaseResult[] = [];
    private env: NodeJS.ProcessEnv = {};

    constructor(private readonly bin: string, private readonly kubeconfig: string, private readonly work: string) {}

    async phase(stack: string, name: string, body: Step): Promise<boolean> {
        const start = Date.now();
        let ok = true;
        let counts: Record<string, number> = {};
        let detail: string | undefined;
        try {
            counts = (await body()) ?? {};
        } catch (e) {
            ok = false;
            detail = e instanceof PhaseFailure ? e.message : (e as Error).stack;
        }
        const seconds = Math.round((Date.now() - start) / 100) / 10;
        this.results.push({ stack, phase: name, ok, seconds, counts, ...(detail ? { detail } : {}) });
        const countText = Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(" ");
        console.log(`${ok ? "ok  " : "FAIL"} ${stack.padEnd(5)} ${name.padEnd(28)} ${String(seconds).padStart(6)} s  ${countText}`);
        if (detail) console.log(detail.split("\n").map((l) => `       ${l}`).join("\n"));
        return ok;
    }

    private pulumi(cwd: string, args: string[]): SpawnSyncReturns<string> {
        return sh(path.join(this.bin, "pulumi"), [...args, "--non-interactive"], { cwd, env: commandEnv(args, this.env) });
    }

    private kubectl(args: string[]): SpawnSyncReturns<string> {
        return sh(path.join(this.bin, "kubectl"), ["--kubeconfig", this.kubeconfig, ...args], { env: this.env });
    }

    /** Every CRD of an istio.io group: what the base chart installs and a destroy must keep. */
    private istioCrdNames(): string[] {
        return must(this.kubectl(["get", "crd", "-o", "name"]), "kubectl get crd").split("\n").filter((n) => n.includes("istio.io"));
    }

    private liveIstioObjects(): K8sObject[] {
        return liveIstioObjects((args) => must(this.kubectl(args), `kubectl ${args.join(" ")}`));
    }

    private useBackend(stack: string, backend: string): void {
        this.env = cliEnv(this.bin, this.kubeconfig, this.work, backend, `e2e-${stack}-${process.pid}`);
    }

    /** Runs every phase for one stack; later phases are skipped once one fails. */
    async run(stack: string): Promise<void> {
        const backend = path.join(this.work, `backend-${stack}`);
        const project = makeProject(stack, backend);
        let config = readStackFile(stack);
        const overrides = e2eOverrides(parseEnvironment(ownConfig(config)), chartMirror());
        for (const o of overrides) config = setPath(config, o.key, o.value);
        let env: Environment = parseEnvironment(ownConfig(config));
        const policyConfig = path.join(project, "policies", "config", `${stack}.json`);
        const pack = ["--policy-pack", path.join(project, "policies"), "--policy-pack-config", policyConfig];
        this.useBackend(stack, backend);

        const steps: Array<[string, Step]> = [
            ["stack init", () => {
                must(this.pulumi(project, ["stack", "init", stack, "--secrets-provider", "passphrase"]), "pulumi stack init");
                for (const o of overrides) must(this.pulumi(project, ["config", "set", "--path", o.key, o.value]), `pulumi config set ${o.key}`);
                return { overrides: overrides.length };
            }],
            ["preview with policy pack", () => {
                const r = this.pulumi(project, ["preview", ...pack]);
                const out = r.stdout + r.stderr;
                const mandatory = policyFindings(out).filter((f) => f.level === "mandatory");
                if (r.status !== 0 || mandatory.length > 0) fail(`preview exited ${r.status} with ${mandatory.length} mandatory violations:\n${tail(out)}`);
                const advisory = policyFindings(out).filter((f) => f.level === "advisory");
                // Named, so a finding on what only the real engine has (a chart's objects) can be traced.
                for (const f of advisory) console.log(`     advisory: ${f.policy}`);
                return { mandatory: 0, advisory: advisory.length };
            }],
            ["unsafe config is refused", () => {
                // PERMISSIVE mTLS: mandatory in prod (the preview fails), advisory in dev.
                const key = "istio-mesh:security.mtls.mode";
                must(this.pulumi(project, ["config", "set", "--path", key, "PERMISSIVE"]), "pulumi config set");
                const r = this.pulumi(project, ["preview", ...pack]);
                const findings = policyFindings(r.stdout + r.stderr).filter((f) => f.policy === "mtls-mesh-wide-strict");
                const original = env.security.mtls.mode;
                must(this.pulumi(project, ["config", "set", "--path", key, original]), "pulumi config set");
                const mandatory = JSON.parse(fs.readFileSync(policyConfig, "utf8"))["mtls-mesh-wide-strict"] === "mandatory";
                if (findings.length === 0) fail(`the preview did not name mtls-mesh-wide-strict:\n${tail(r.stdout + r.stderr)}`);
                if (mandatory !== (r.status !== 0)) fail(`preview exited ${r.status} although the policy is ${mandatory ? "mandatory" : "advisory"}`);
                return { findings: findings.length, exitCode: r.status ?? -1 };
            }],
            ["up", () => {
                const r = this.pulumi(project, ["up", "--yes", "--skip-preview", ...pack]);
                must(r, "pulumi up");
                // What production protects, down to each chart's objects, which only the real engine shows.
                const state = JSON.parse(must(this.pulumi(project, ["stack", "export"]), "pulumi stack export")) as { deployment: { resources: StateResource[] } };
                const unguarded = unprotectedDescendants(state.deployment.resources);
                if (unguarded.length > 0) fail(`${unguarded.length} objects of protected resources are not protected, such as ${unguarded.slice(0, 3).join(", ")}`);
                const guarded = state.deployment.resources.filter((x) => x.protect).length;
                if (env.istio.protect !== (guarded > 0)) fail(`istio.protect is ${env.istio.protect}, and ${guarded} resources are protected`);
                return { created: upSummary(r.stdout).created, protected: guarded };
            }],
            ["live objects match the render", () => this.checkLive(project, config, env)],
            ["istioctl analyze", () => {
                const standIns = this.standInServices(env);
                const r = sh(path.join(this.bin, "istioctl"), ["analyze", "--all-namespaces", "--kubeconfig", this.kubeconfig], { env: this.env });
                const out = r.stdout + r.stderr;
                // No admission webhook runs on the local control plane, so no pod gets a sidecar:
                // IST0103 (no proxy) and IST0147 (the gateway's `image: auto` never replaced) say just that.
                const errors = out.split("\n").filter((l) => /^Error \[IST/.test(l) && !NO_INJECTION_HERE.some((c) => l.includes(`[${c}]`)));
                const warnings = out.split("\n").filter((l) => /^Warning \[IST/.test(l));
                console.log(out.trimEnd().split("\n").map((l) => `       | ${l}`).join("\n"));
                for (const o of standIns) this.kubectl(["delete", o.kind, o.name, "-n", o.namespace, "--wait=false"]);
                if (errors.length > 0 || (r.status !== 0 && warnings.length === 0)) fail(`istioctl analyze exited ${r.status}:\n${tail(out)}`);
                return { errors: errors.length, warnings: warnings.length, standInServices: standIns.length };
            }],
            ["second preview: no changes", () => {
                const r = this.pulumi(project, ["preview", "--expect-no-changes", "--diff", ...pack]);
                must(r, "pulumi preview --expect-no-changes");
            }],
            ["one canary change", () => this.canaryChange(project, env, pack, (e) => { env = e; })],
            ["destroy", () => {
                if (env.istio.protect) {
                    // A protected control plane refuses to go until the stack lifts the protection with an up.
                    const refused = this.pulumi(project, ["destroy", "--yes", "--skip-preview"]);
                    if (refused.status === 0 || !/protected/.test(refused.stdout + refused.stderr)) {
                        fail(`destroy of a protected control plane exited ${refused.status}:\n${tail(refused.stdout + refused.stderr)}`);
                    }
                    must(this.pulumi(project, ["config", "set", "--path", "istio-mesh:istio.protect", "false"]), "pulumi config set");
                    must(this.pulumi(project, ["up", "--yes", "--skip-preview"]), "pulumi up (protection lifted)");
                }
                must(this.pulumi(project, ["destroy", "--yes", "--skip-preview"]), "pulumi destroy");
                const crds = this.istioCrdNames();
                if (crds.length === 0) fail("the Istio CRDs were deleted with the stack");
                const left = this.liveIstioObjects().length;
                if (left > 0) fail(`${left} Istio objects are still there after destroy`);
                const ns = this.kubectl(["get", "namespace", env.istio.namespace]);
                if (ns.status === 0 && !/Terminating/.test(ns.stdout)) fail(`namespace ${env.istio.namespace} is still there`);
                must(this.pulumi(project, ["stack", "rm", "--yes", stack]), "pulumi stack rm");
                return { crdsKept: crds.length };
            }],
        ];
        for (const [name, body] of steps) {
            if (!(await this.phase(stack, name, body))) break;
        }
        fs.rmSync(project, { recursive: true, force: true });
    }

    /**
     * The canary upgrade on a cluster of its own (stack `upgrade`, the dev stack's
     * config): each step's config commands, `pulumi up` with the policy pack,
     * then the webhooks, istiods, labels and charts the step expects, Istio objects
     * untouched, tag webhooks kept (same uid) and a clean preview; then the uninstall.
     */
    async runUpgrade(): Promise<void> {
        const stack = "upgrade";
        const backend = path.join(this.work, `backend-${stack}`);
        const project = makeProject(stack, backend, "dev");
        let config = readStackFile("dev");
        const overrides = e2eOverrides(parseEnvironment(ownConfig(config)), chartMirror());
        for (const o of overrides) config = setPath(config, o.key, o.value);
        const pack = ["--policy-pack", path.join(project, "policies"), "--policy-pack-config", path.join(project, "policies", "config", "dev.json")];
        this.useBackend(stack, backend);
        let env: Environment | undefined;
        let before: Map<string, string> | undefined;
        const phases: Array<[string, Step]> = [
            ["stack init", () => {
                must(this.pulumi(project, ["stack", "init", stack, "--secrets-provider", "passphrase"]), "pulumi stack init");
                for (const o of overrides) must(this.pulumi(project, ["config", "set", "--path", o.key, o.value]), `pulumi config set ${o.key}`);
                return { overrides: overrides.length };
            }],
            ...UPGRADE_STEPS.map((step, i): [string, Step] => [step.name, async () => {
                for (const c of step.commands) {
                    const args = c.value === undefined ? ["config", "rm", "--path", c.key] : ["config", "set", "--path", c.key, c.value];
                    must(this.pulumi(project, args), `pulumi ${args.join(" ")}`);
                }
                config = applyCommands(config, step.commands);
                env = parseEnvironment(ownConfig(config));
                const tagUids = this.tagWebhookUids();
                let r = this.pulumi(project, ["up", "--yes", "--skip-preview", ...pack]);
                // An API server starved of CPU times out now and then; one more up shows whether the step converges.
                const retried = r.status !== 0 && TRANSIENT.test(r.stdout + r.stderr);
                if (retried) r = this.pulumi(project, ["up", "--yes", "--skip-preview", ...pack]);
                must(r, "pulumi up");
                const counts = { ...upSummary(r.stdout), retried: retried ? 1 : 0 };
                if (i === 0) await this.checkLive(project, config, env);
                const problems = upgradeProblems(step.expect, this.upgradeLive(env, step.expect));
                const after = this.tagWebhookUids();
                for (const [tag, uid] of tagUids) {
                    if (after.has(tag) && after.get(tag) !== uid) problems.push(`the webhook of tag ${tag} was deleted and created again, not updated`);
                }
                const versions = new Map(this.liveIstioObjects().map((o) => [objectKey(o), String((o.metadata as { resourceVersion?: string }).resourceVersion)]));
                if (before) {
                    const touched = touchedObjects(before, versions);
                    if (touched.length > 0) problems.push(`Istio objects changed by the upgrade step: ${touched.join(", ")}`);
                }
                before = versions;
                if (problems.length > 0) fail(problems.join("\n"));
                must(this.pulumi(project, ["preview", "--expect-no-changes", "--diff", ...pack]), "pulumi preview --expect-no-changes");
                return { ...counts, istioObjects: versions.size, tags: after.size };
            }]),
            ["uninstall order", () => this.uninstall(project, stack, env!)],
        ];
        for (const [name, body] of phases) {
            if (!(await this.phase(stack, name, body))) break;
        }
        fs.rmSync(project, { recursive: true, force: true });
    }

    private tagWebhookUids(): Map<string, string> {
        const list = JSON.parse(must(this.kubectl(["get", "mutatingwebhookconfigurations", "-l", "istio.io/tag", "-o", "json"]), "kubectl get mutatingwebhookconfigurations"));
        return new Map((list.items as Array<{ metadata: { uid: string; labels: Record<string, string> } }>).map((w) => [w.metadata.labels["istio.io/tag"], w.metadata.uid]));
    }

    private upgradeLive(env: Environment, want: UpgradeExpectation): UpgradeLive {
        const json = (args: string[]) => JSON.parse(must(this.kubectl([...args, "-o", "json"]), `kubectl ${args.join(" ")}`));
        const istiods = (json(["get", "deployment", "-n", env.istio.namespace, "-l", "app=istiod"]).items as Array<{ metadata: { name: string } }>)
            .map((d) => d.metadata.name);
        const webhooks = json(["get", "mutatingwebhookconfigurations"]).items as Webhook[];
        const namespaces = Object.fromEntries(Object.keys(want.namespaces).map((ns) => [ns, json(["get", "namespace", ns]).metadata.labels ?? {}]));
        const gw = json(["get", "deployment", env.istio.gateway.name, "-n", env.istio.gateway.namespace]);
        const crdCharts = (json(["get", "crd"]).items as Array<{ metadata: { name: string; labels?: Record<string, string> } }>)
            .filter((c) => c.metadata.name.endsWith(".istio.io")).map((c) => c.metadata.labels?.["helm.sh/chart"] ?? "unlabelled");
        return { istiods, webhooks, namespaces, gateway: { podLabels: gw.spec.template.metadata.labels ?? {}, labels: gw.metadata.labels ?? {} }, crdCharts };
    }

    /**
     * `pulumi destroy`, judged by the order its output says things were deleted in:
     * namespaces relabelled (or deleted) and the gateway before istiod, istiod
     * before the base chart; the CRDs stay, no Istio object does.
     */
    private uninstall(project: string, stack: string, env: Environment): Record<string, number> {
        const deleted = deleteOrder(must(this.pulumi(project, ["destroy", "--yes", "--skip-preview"]), "pulumi destroy"));
        const problems = uninstallOrderProblems(deleted, Object.keys(env.namespaces));
        const crds = this.istioCrdNames();
        if (crds.length === 0) problems.push("the Istio CRDs were deleted");
        const left = this.liveIstioObjects().length;
        if (left > 0) problems.push(`${left} Istio objects are still there`);
        const labels = JSON.parse(must(this.kubectl(["get", "namespace", "default", "-o", "jsonpath={.metadata.labels}"]), "kubectl get namespace") || "{}");
        if (labels["istio.io/rev"] || labels["istio-injection"]) problems.push(`namespace default still has injection labels: ${JSON.stringify(labels)}`);
        const hooks = this.kubectl(["get", "mutatingwebhookconfigurations", "-o", "name"]).stdout.split("\n").filter((n) => n.includes("istio"));
        if (hooks.length > 0) problems.push(`webhooks left: ${hooks.join(", ")}`);
        if (problems.length > 0) fail(problems.join("\n"));
        must(this.pulumi(project, ["stack", "rm", "--yes", stack]), "pulumi stack rm");
        return { deleted: deleted.length, crdsKept: crds.length, istiodCount: env.istio.revisions.length };
    }

    private async checkLive(project: string, config: Record<string, unknown>, env: Environment): Promise<Record<string, number>> {
        // What the offline render asks for, with the same config the stack has now.
        const rendered = (await runProgram(config, "e2e")).resources
            .filter((x) => x.custom && ISTIO_GROUPS.some((g) => x.type.startsWith(`kubernetes:${g}/`)))
            .map((x) => x.inputs as K8sObject);
        const live = this.liveIstioObjects();
        const cmp = compareObjects(rendered, live);
        if (cmp.missing.length > 0 || cmp.different.length > 0) {
            fail(`Istio objects: ${cmp.missing.length} missing (${cmp.missing.join(", ")}), ${cmp.different.length} different:\n${cmp.different.join("\n")}`);
        }

        for (const [name, ns] of Object.entries(env.namespaces)) {
            const labels = JSON.parse(must(this.kubectl(["get", "namespace", name, "-o", "jsonpath={.metadata.labels}"]), `kubectl get namespace ${name}`) || "{}");
            const revision = ns.revision ?? env.istio.revision;
            const want = revision ? ["istio.io/rev", revision] : ["istio-injection", "enabled"];
            if (labels[want[0]] !== want[1]) fail(`namespace ${name} lacks ${want[0]}=${want[1]}: ${JSON.stringify(labels)}`);
        }
        const crds = this.istioCrdNames();
        for (const kind of ["virtualservices.networking.istio.io", "destinationrules.networking.istio.io", "authorizationpolicies.security.istio.io",
            "peerauthentications.security.istio.io", "telemetries.telemetry.istio.io"]) {
            if (!crds.includes(`customresourcedefinition.apiextensions.k8s.io/${kind}`)) fail(`CRD ${kind} is missing`);
        }
        const namespaces = [env.istio.namespace, ...(env.istio.gateway.enabled ? [env.istio.gateway.namespace] : [])];
        let deployments = 0;
        for (const ns of namespaces) {
            must(this.kubectl(["wait", "--for=condition=Available", "deployment", "--all", "-n", ns, "--timeout=120s"]), `deployments in ${ns} Available`);
            deployments += must(this.kubectl(["get", "deployment", "-n", ns, "-o", "name"]), "kubectl get deployment").trim().split("\n").length;
        }

        const outputs = JSON.parse(must(this.pulumi(project, ["stack", "output", "--json"]), "pulumi stack output"));
        const expectOutput = (key: string, want: unknown) => {
            if (JSON.stringify(outputs[key]) !== JSON.stringify(want)) fail(`stack output ${key} is ${JSON.stringify(outputs[key])}, expected ${JSON.stringify(want)}`);
        };
        expectOutput("istioVersion", env.istio.version);
        expectOutput("istioNamespace", env.istio.namespace);
        // What the next update reads back to know it needs no URN aliases (stacks/version-history.ts).
        expectOutput("urnLayout", URN_LAYOUT);
        // The engine hands config maps over with sorted keys; the order says nothing.
        outputs.injectedNamespaces = [...(outputs.injectedNamespaces ?? [])].sort();
        expectOutput("injectedNamespaces", Object.keys(env.namespaces).sort());
        expectOutput("serviceHosts", Object.entries(env.services).map(([name, s]) => s.host ?? `${name}.${s.namespace}.svc.cluster.local`));
        if (env.istio.gateway.enabled) expectOutput("gatewayNamespace", env.istio.gateway.namespace);
        return { istioObjects: cmp.matched, crds: crds.length, deployments };
    }

    /**
     * The Kubernetes Services the stack's traffic rules are about, where the
     * stack does not deploy them (prod: the teams do): a plain Service stands in
     * for each, so the analyzer judges the rules and not their absence.
     */
    private standInServices(env: Environment): Array<{ name: string; namespace: string; kind: string }> {
        const made: Array<{ name: string; namespace: string; kind: string }> = [];
        for (const [name, service] of Object.entries(env.services)) {
            if (service.host && service.host.includes(".")) continue;
            const svcName = service.host ?? name;
            if (this.kubectl(["get", "service", svcName, "-n", service.namespace]).status === 0) continue;
            this.apply({ apiVersion: "v1", kind: "Service", metadata: { name: svcName, namespace: service.namespace },
                spec: { selector: { app: svcName }, ports: [{ name: "http", port: 80, targetPort: 8080 }] } }, `stand-in Service ${svcName}`);
            made.push({ name: svcName, namespace: service.namespace, kind: "service" });
            // One pod per version, so the DestinationRule's subsets select something.
            for (const [version, labels] of Object.entries(service.versions ?? {})) {
                const podLabels = { app: svcName, ...(labels as Record<string, string>) };
                this.apply({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: `${svcName}-${version}`, namespace: service.namespace },
                    spec: { selector: { matchLabels: podLabels }, template: { metadata: { labels: podLabels },
                        spec: { containers: [{ name: svcName, image: "stand-in" }] } } } }, `stand-in Deployment ${svcName}-${version}`);
                made.push({ name: `${svcName}-${version}`, namespace: service.namespace, kind: "deployment" });
            }
        }
        // The TLS Secrets Gateways name, which a stack leaves to the teams (or to cert-manager).
        for (const gw of this.liveIstioObjects().filter((o) => o.kind === "Gateway")) {
            const servers = ((gw.spec as { servers?: Array<{ tls?: { credentialName?: string } }> })?.servers ?? []);
            for (const name of new Set(servers.flatMap((x) => x.tls?.credentialName ?? []))) {
                const namespace = gw.metadata.namespace!;
                if (this.kubectl(["get", "secret", name, "-n", namespace]).status === 0) continue;
                // A real (self-signed) pair: istioctl checks that the credential parses.
                const dir = fs.mkdtempSync(path.join(this.work, "tls-"));
                must(sh("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name}`,
                    "-keyout", path.join(dir, "tls.key"), "-out", path.join(dir, "tls.crt")]), "openssl req");
                this.apply({ apiVersion: "v1", kind: "Secret", type: "kubernetes.io/tls", metadata: { name, namespace },
                    data: { "tls.crt": fs.readFileSync(path.join(dir, "tls.crt")).toString("base64"),
                        "tls.key": fs.readFileSync(path.join(dir, "tls.key")).toString("base64") } }, `stand-in Secret ${name}`);
                made.push({ name, namespace, kind: "secret" });
            }
        }
        for (const ns of new Set(made.filter((m) => m.kind === "deployment").map((m) => m.namespace))) {
            must(this.kubectl(["wait", "--for=condition=Available", "deployment", "--all", "-n", ns, "--timeout=120s"]), `stand-in pods in ${ns}`);
        }
        return made;
    }

    private apply(manifest: object, what: string): void {
        must(sh(path.join(this.bin, "kubectl"), ["--kubeconfig", this.kubeconfig, "apply", "-f", "-"], { env: this.env, input: JSON.stringify(manifest) }), what);
    }

    private canaryChange(project: string, env: Environment, pack: string[], update: (e: Environment) => void): Record<string, number> {
        const entry = Object.entries(env.services).find(([, s]) => s.canary && Object.keys(s.canary.weights).length >= 2);
        if (!entry) fail("no service with a canary split to change");
        const [name, service] = entry;
        const [from, to] = Object.keys(service.canary!.weights);
        const weights = { ...service.canary!.weights, [from]: service.canary!.weights[from] - 10, [to]: service.canary!.weights[to] + 10 };
        for (const [subset, weight] of Object.entries(weights)) {
            must(this.pulumi(project, ["config", "set", "--path", `istio-mesh:services.${name}.canary.weights.${subset}`, String(weight)]), "pulumi config set");
        }
        const r = this.pulumi(project, ["preview", "--json", ...pack]);
        const steps = changedSteps(must(r, "pulumi preview --json"));
        const vs = steps.filter((s) => s.type.endsWith(":VirtualService") && s.op === "update");
        if (steps.length !== 1 || vs.length !== 1 || !vs[0].urn.includes(name)) {
            fail(`expected exactly one VirtualService update for ${name}, got:\n${steps.map((s) => `${s.op} ${s.urn}`).join("\n")}`);
        }
        must(this.pulumi(project, ["up", "--yes", "--skip-preview", ...pack]), "pulumi up");
        update({ ...env, services: { ...env.services, [name]: { ...service, canary: { ...service.canary!, weights } } } });
        return { changed: steps.length };
    }
}

function option(argv: string[], name: string): string | undefined {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
}

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    const unknown = argv.filter((a, i) => a.startsWith("--") && !/^--(stack|examples|keep)(=|$)/.test(a) && !["--stack", "--examples"].includes(argv[i - 1]));
    const stackOption = option(argv, "stack");
    const stacks = stackOption === "none" ? [] : stackOption ? [stackOption] : ["dev", "prod", "upgrade"];
    const examplesOption = option(argv, "examples");
    const examples = (examplesOption === "none" ? [] : examplesOption ? examplesOption.split(",") : [...EXAMPLE_LANGUAGES]) as ExampleLanguage[];
    const badExamples = examples.filter((l) => !EXAMPLE_LANGUAGES.includes(l));
    if (unknown.length > 0 || badExamples.length > 0 || argv.includes("--help")) {
        console.error(`usage: npm run e2e [-- --stack dev|prod|upgrade|none] [-- --examples ${EXAMPLE_LANGUAGES.join(",")}|none] [-- --keep]  (--keep leaves the local cluster running)`);
        return 2;
    }
    const started = Date.now();
    // The CLI runs the compiled program (bin/) and pack (policies/bin/): build them from this tree,
    // or a run after an edit would judge what the last `npm ci` or `npm test` compiled.
    console.log("e2e: build");
    for (const args of [["run", "-s", "build"], ["run", "-s", "build", "-w", "policies"]]) {
        if (spawnSync("npm", args, { cwd: PROJECT_ROOT, stdio: "inherit" }).status !== 0) {
            console.error(`e2e: npm ${args.join(" ")} failed (see above)`);
            return 1;
        }
    }
    console.log("e2e: toolchain");
    const tools = spawnSync(path.join(SCRIPTS, "toolchain", "ensure.sh"), E2E_TOOLS, { stdio: "inherit" });
    if (tools.status !== 0) {
        console.error("e2e: the toolchain could not be made available (see above)");
        return 1;
    }
    const bin = spawnSync(path.join(SCRIPTS, "toolchain", "ensure.sh"), ["--bin-dir"], { encoding: "utf8" }).stdout.trim();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-e2e-"));
    const kubeconfig = path.join(work, "cluster", "kubeconfig");
    const e2e = new E2E(bin, kubeconfig, work);
    const cluster = localCluster(path.join(work, "cluster"));
    const onSignal = () => { cluster("down"); process.exit(130); };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
        for (const stack of stacks) {
            // A fresh control plane per stack: CRDs kept from one stack's destroy must not meet the next one's install.
            const t = Date.now();
            const up = cluster("up");
            e2e.results.push({ stack, phase: "local cluster up", ok: up, seconds: Math.round((Date.now() - t) / 100) / 10, counts: {} });
            console.log(`${up ? "ok  " : "FAIL"} ${stack.padEnd(5)} ${"local cluster up".padEnd(28)} ${String((Date.now() - t) / 1000).padStart(6)} s`);
            if (up) await (stack === "upgrade" ? e2e.runUpgrade() : e2e.run(stack));
            if (!argv.includes("--keep") || stack !== stacks[stacks.length - 1] || examples.length > 0) cluster("down");
        }
        // Other languages are compared with TypeScript's deployment.
        if (examples.length > 0 && !examples.includes("typescript")) examples.unshift("typescript");
        if (examples.length > 0) {
            await new Examples(bin, work, (group, name, body) => e2e.phase(group, name, body), (verb) => cluster(verb), kubeconfig).run(examples);
        }
    } finally {
        if (!argv.includes("--keep")) cluster("down");
        fs.rmSync(work, { recursive: true, force: true });
    }
    const failed = e2e.results.filter((r) => !r.ok);
    const summary = { context: LOCAL_CONTEXT, seconds: Math.round((Date.now() - started) / 1000), results: e2e.results };
    fs.writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\n${e2e.results.length - failed.length} passed, ${failed.length} failed`);
    console.log(`e2e: wrote ${path.relative(process.cwd(), RESULTS)} (${summary.seconds} s)`);
    return failed.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 3; });
