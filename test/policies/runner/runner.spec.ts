import type { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../../policies/rules";
import { enforcementOf, readPolicyConfig } from "../../../policies/runner/config";
import { evaluatePolicies, mandatoryViolations, StackResource } from "../../../policies/runner/evaluate";
import { formatReport, resourceLabel } from "../../../policies/runner/table";
import { deployment, istio } from "../helpers";

const asResource = (f: { type: string; name: string; urn: string; props: object }, extra: Partial<StackResource> = {}): StackResource => ({
    type: f.type,
    name: f.name,
    urn: f.urn,
    inputs: f.props,
    ...extra,
});

const CONFIG_DIR = path.resolve(__dirname, "../../../policies/config");
const names = policies.map((p) => p.name);

describe("policy runner", () => {
    it("resolves enforcement as the CLI does: own entry, then all, then the policy's, then the pack's", () => {
        const p = { name: "x", description: "x", enforcementLevel: "mandatory" as const };
        assert.equal(enforcementOf(p, {}, "advisory"), "mandatory");
        assert.equal(enforcementOf({ ...p, enforcementLevel: undefined }, {}, "advisory"), "advisory");
        assert.equal(enforcementOf(p, { all: "advisory" }, "advisory"), "advisory");
        assert.equal(enforcementOf(p, { all: "advisory", x: { enforcementLevel: "disabled" } }, "advisory"), "disabled");
        assert.equal(enforcementOf(p, { all: "disabled", x: "remediate" }, "advisory"), "remediate");
    });

    it("rejects a config file naming an unknown policy or level", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-")), "c.json");
        fs.writeFileSync(file, JSON.stringify({ "no-such-policy": "mandatory" }));
        assert.throws(() => readPolicyConfig(file, names), /unknown policy "no-such-policy"/);
        fs.writeFileSync(file, JSON.stringify({ [names[0]]: "strict" }));
        assert.throws(() => readPolicyConfig(file, names), /unknown enforcement level "strict"/);
    });

    for (const env of ["dev", "prod"]) {
        it(`policies/config/${env}.json sets a level for every policy and nothing else`, () => {
            const config = readPolicyConfig(path.join(CONFIG_DIR, `${env}.json`), names);
            assert.deepEqual(Object.keys(config).filter((k) => k !== "all").sort(), [...names].sort());
        });
    }

    it("prod is mandatory for security and routing correctness (every policy there with an Error message), dev never blocks", () => {
        const dev = readPolicyConfig(path.join(CONFIG_DIR, "dev.json"), names);
        const prod = readPolicyConfig(path.join(CONFIG_DIR, "prod.json"), names);
        for (const p of policies) {
            assert.notEqual(enforcementOf(p, dev, "advisory"), "mandatory", `${p.name} in dev`);
            // Warning-only policies (what the analyzer warns about: configs Istio documents and accepts) may stay advisory.
            const errors = p.meta.messages.some((m) => m.level === "Error");
            if (/^(mtls|authz|routing|namespace|platform)-/.test(p.name) && errors) assert.equal(enforcementOf(p, prod, "advisory"), "mandatory", `${p.name} in prod`);
        }
    });

    it("reports violations with policy, resource and level; stack policies too", async () => {
        const vs = istio("VirtualService", "myapp", "default", { hosts: ["*"], exportTo: ["."], http: [{ route: [{ destination: { host: "myapp", subset: "v9" } }] }] });
        const report = await evaluatePolicies(policies, [asResource(vs)], { config: { "routing-virtual-service-wildcard-hosts": "advisory" } });
        const byPolicy = Object.fromEntries(report.violations.map((v) => [v.policy, v]));
        assert.equal(byPolicy["routing-virtual-service-wildcard-hosts"].enforcement, "advisory");
        assert.equal(byPolicy["routing-virtual-service-wildcard-hosts"].urn, vs.urn);
        assert.equal(byPolicy["routing-subsets-defined"].enforcement, "mandatory");
        assert.equal(mandatoryViolations(report).length, report.violations.filter((v) => v.enforcement === "mandatory").length);
        assert.ok(mandatoryViolations(report).length > 0);
    });

    it("skips disabled policies", async () => {
        const vs = istio("VirtualService", "myapp", "default", { hosts: ["*"] });
        const report = await evaluatePolicies(policies, [asResource(vs)], { config: { all: "disabled" } });
        assert.deepEqual(report.violations, []);
    });

    it("remediates before validating, and stack policies see the remediated inputs", async () => {
        const seen: string[] = [];
        const probe: StackValidationPolicy = {
            name: "probe",
            description: "records annotations",
            validateStack: (args) => {
                for (const r of args.resources) seen.push(Object.keys(r.props.spec.template.metadata.annotations ?? {}).join(","));
            },
        };
        const d = deployment("orders", "default");
        const report = await evaluatePolicies([...policies, probe], [asResource(d)], { config: { all: "disabled", "workload-sidecar-resources": { enforcementLevel: "remediate", injectedNamespaces: ["default"] }, probe: "advisory" } });
        assert.deepEqual(report.remediations, [{ policy: "workload-sidecar-resources", urn: d.urn }]);
        assert.deepEqual(report.violations, []);
        assert.match(seen[0], /proxyCPU.*proxyMemoryLimit/);
        assert.equal(d.props.spec.template.metadata.annotations, undefined, "the registered inputs are not changed");
    });

    it("passes the provider, parent and dependencies as the engine does, and records notApplicable", async () => {
        const calls: any[] = [];
        const probe: ResourceValidationPolicy = {
            name: "probe",
            description: "records args",
            validateResource: (args) => {
                calls.push({ provider: args.provider?.name, parent: args.opts.parent, tags: args.stackTags.get("env"), config: args.getConfig() });
                if (args.type === "pulumi:providers:kubernetes") args.notApplicable("not a Kubernetes object");
            },
        };
        const deps: any[] = [];
        const stackProbe: StackValidationPolicy = {
            name: "stack-probe",
            description: "records dependencies",
            validateStack: (args) => args.resources.forEach((r) => deps.push([r.name, r.parent?.name, r.dependencies.map((x) => x.name)])),
        };
        const provider: StackResource = { type: "pulumi:providers:kubernetes", name: "k8s", urn: "urn:pulumi:t::p::pulumi:providers:kubernetes::k8s", inputs: {} };
        const parent: StackResource = { type: "my:component:C", name: "c", urn: "urn:pulumi:t::p::my:component:C::c", inputs: {} };
        const child = asResource(deployment("a", "default"), { provider: `${provider.urn}::k8s-id`, parent: parent.urn, dependencies: [provider.urn] });
        const all: Policies = [probe, stackProbe];
        const report = await evaluatePolicies(all, [provider, parent, child], { config: { probe: { enforcementLevel: "advisory", knob: 1 } }, stackTags: { env: "prod" } });
        assert.deepEqual(calls[2], { provider: "k8s", parent: parent.urn, tags: "prod", config: { knob: 1 } });
        assert.deepEqual(deps[2], [child.name, "c", ["k8s"]]);
        assert.deepEqual(report.notApplicable, [{ policy: "probe", urn: provider.urn, reason: "not a Kubernetes object" }]);
    });

    it("prints a table with policy, resource, enforcement and message", async () => {
        const vs = istio("VirtualService", "myapp", "default", { hosts: ["*"], exportTo: ["."] });
        const text = formatReport(await evaluatePolicies(policies, [asResource(vs)], { config: { all: "disabled", "routing-virtual-service-wildcard-hosts": "mandatory" } }));
        const lines = text.split("\n");
        assert.match(lines[0], /^POLICY\s+RESOURCE\s+ENFORCEMENT\s+MESSAGE$/);
        assert.match(lines[1], /^routing-virtual-service-wildcard-hosts\s+default-myapp \(networking\.istio\.io\/v1:VirtualService\)\s+mandatory\s+ISM0301 VirtualService default\/myapp has host "\*"/);
        assert.match(text, /1 violation\(s\): 1 mandatory, 0 advisory; 0 remediation\(s\)/);
        assert.equal(resourceLabel(undefined), "(stack)");
        assert.match(formatReport({ violations: [], remediations: [], notApplicable: [] }), /^No policy violations\./);
    });
});
