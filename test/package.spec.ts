import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { assertValidIstioObject } from "./helpers/istio-crd-validator";
import { ofType, PROJECT_ROOT, ProgramRun, runProgram } from "./helpers/mock-program";

/**
 * The component package's contract: what `components/index.ts` exports, each
 * component's type token and arguments, that Pulumi's analyzer (which builds
 * the schema other languages see) accepts every component, and that the
 * built package can be installed and used by another program.
 */

const COMPONENTS_DIR = path.join(PROJECT_ROOT, "components");
const packageJson = JSON.parse(fs.readFileSync(path.join(COMPONENTS_DIR, "package.json"), "utf8"));

// Everything a program can import at runtime. Changing this list is changing the package's API.
const RUNTIME_EXPORTS = [
    "ADDON_RELEASES", "ArgsError", "ClientTLSMode", "DEFAULT_EXPORT_TO", "DEFAULT_ISTIO_NAMESPACE", "DEFAULT_ISTIO_REPOSITORY", "DEFAULT_ISTIO_VERSION", "DEFAULT_TRUST_DOMAIN",
    "GatewayServiceType", "H2UpgradePolicy", "HttpMethod", "INJECTION_LABEL", "IssuerKind", "JaegerStorageType", "KialiAuthStrategy", "MtlsMode", "PortMtlsMode",
    "AuthorizationAction", "IstioMesh", "MeshProfile", "meshPresets", "MeshAuthorization", "MeshCertificateAuthority", "MeshMtls", "MeshNamespace",
    "MeshService", "MeshTracing", "NETWORKING_API_VERSION", "ObservabilityAddons", "PROXY_RESOURCE_ANNOTATIONS", "REVISION_LABEL",
    "SIDECAR_INJECT_LABEL", "SimpleLB", "TrafficArgsError", "MeshEgress", "MeshIngress", "OutboundTrafficPolicyMode", "ServiceEntryLocation",
    "ServiceEntryResolution", "ServerTLSMode", "IssuerRefKind", "gateway", "gatewayCertificates",
    "namespaceSidecar", "serviceEntry", "mtlsDisableWarnings", "requestAuthentication", "workloadSidecar", "SidecarTLSMode",
    "extAuthzExtensionProviders", "allowNothingPolicy", "assertMtlsCompatible", "authorizationPolicy",
    "buildTraffic", "defaultPeerAuthentication", "duplicateHosts",
    "injectionLabels", "istioCsrAddress", "jaegerCollector", "meshTelemetry",
    "proxyResourceAnnotations", "serviceFqdn", "spiffePrincipal", "tlsDisableFields", "tracingMeshConfig",
    "withoutSidecar", "workloadPeerAuthentication",
];

const istiod = { replicaCount: 1, autoscaleMin: 1, autoscaleMax: 1, resources: {}, podDisruptionBudget: false };

// Each component: its type token, its smallest valid arguments, and the names of its inputs and outputs.
const COMPONENTS: Record<string, { token: string; args: object; inputs: string[]; outputs: string[] }> = {
    IstioMesh: {
        token: "istio-mesh:mesh:IstioMesh",
        args: {},
        inputs: ["allowCrdDeletion", "caAddress", "certificateAuthority", "chartMirror", "cni", "egressGateway", "gateway", "helmProfile", "istiod", "meshConfig",
            "namespace", "profile", "protect", "proxy", "repository", "revision", "revisionTags", "revisions", "sidecarIngressTls", "trustDomain", "version"],
        outputs: ["controlPlane", "controlPlanes", "crds", "egressGateway", "gateway", "gatewayNamespace", "gatewayService", "namespace", "revision", "version"],
    },
    MeshNamespace: {
        token: "istio-mesh:mesh:MeshNamespace",
        args: {},
        inputs: ["create", "namespace", "revision"],
        outputs: ["labels", "namespace"],
    },
    MeshService: {
        token: "istio-mesh:traffic:MeshService",
        args: { namespace: "default" },
        inputs: ["canary", "corsPolicy", "defaultRoute", "destinationRule", "exportTo", "fault", "gateways", "headers", "host", "hosts", "meshNamespaces", "mirror", "mirrorPercentage",
            "name", "namespace", "retries", "routes", "subsetTrafficPolicy", "tcp", "timeout", "tls", "trafficPolicy", "versions", "workloadSelector"],
        outputs: ["destinationRuleUrn", "host", "virtualServiceUrn"],
    },
    MeshMtls: {
        token: "istio-mesh:security:MeshMtls",
        args: { rootNamespace: "istio-system", mtls: { mode: "STRICT" } },
        inputs: ["managedNamespaces", "mtls", "rootNamespace"],
        outputs: ["mode"],
    },
    MeshAuthorization: {
        token: "istio-mesh:security:MeshAuthorization",
        args: {},
        inputs: ["denyByDefault", "managedNamespaces", "policies", "requestAuthentications", "trustDomain"],
        outputs: [],
    },
    MeshCertificateAuthority: {
        token: "istio-mesh:security:MeshCertificateAuthority",
        args: { istioNamespace: "istio-system", ca: {} },
        inputs: ["ca", "chartMirror", "istioNamespace", "revision", "revisions", "trustDomain"],
        outputs: ["caAddress", "istioCsr"],
    },
    ObservabilityAddons: {
        token: "istio-mesh:observability:ObservabilityAddons",
        args: { namespace: "istio-system" },
        inputs: ["chartMirror", "jaeger", "kiali", "kubeContext", "namespace", "prometheus"],
        outputs: ["dashboards", "jaeger", "kiali", "prometheus"],
    },
    MeshEgress: {
        token: "istio-mesh:egress:MeshEgress",
        args: {},
        inputs: ["gateways", "serviceEntries", "sidecars"],
        outputs: [],
    },
    MeshIngress: {
        token: "istio-mesh:ingress:MeshIngress",
        args: { gateways: {} },
        inputs: ["gateways", "sidecars"],
        outputs: [],
    },
    MeshTracing: {
        token: "istio-mesh:observability:MeshTracing",
        args: { namespace: "istio-system", provider: "jaeger", randomSamplingPercentage: 1 },
        inputs: ["namespace", "provider", "randomSamplingPercentage"],
        outputs: ["telemetryUrn"],
    },
};

// MeshService takes its name as the objects' Kubernetes name unless args.name says otherwise: a DNS label.
const instance = (component: string) => `api-${component.toLowerCase()}`;

// The .d.ts files a consumer's compiler reads: the entry points' and every relative import they make, transitively.
function reachable(installed: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)) {
            const base = path.resolve(path.dirname(file), spec);
            const found = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
            if (found) visit(found);
        }
    };
    visit(path.join(installed, "bin/index.d.ts"));
    visit(path.join(installed, "bin/demo/index.d.ts"));
    return seen;
}

type ComponentClass = new (name: string, args: object, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

describe("component package", () => {
    const api: Record<string, unknown> = require(path.join(COMPONENTS_DIR, "index.ts"));

    describe("public API surface", () => {
        it("components/index.ts exports exactly the agreed names", () => {
            assert.deepEqual(Object.keys(api).sort(), [...RUNTIME_EXPORTS].sort());
        });

        it("the exported ComponentResource classes are exactly the eight components", () => {
            const classes = Object.keys(api).filter((n) => {
                const value = api[n];
                return typeof value === "function" && value.prototype instanceof pulumi.ComponentResource;
            });
            assert.deepEqual(classes.sort(), Object.keys(COMPONENTS).sort());
        });

        describe("each component registers under its own type token, from its smallest valid arguments", () => {
            let run: ProgramRun;
            before(async () => {
                run = await runProgram({}, "package", [], async () => {
                    for (const [name, c] of Object.entries(COMPONENTS)) new (api[name] as ComponentClass)(instance(name), c.args);
                    return {};
                });
            });
            for (const [name, c] of Object.entries(COMPONENTS)) {
                it(`${name}: ${c.token}`, () => {
                    assert.deepEqual(ofType(run, c.token).map((r) => r.name), [instance(name)]);
                });
            }
        });
    });

    describe("Pulumi's analyzer (the schema other languages get)", () => {
        type Property = { $ref?: string; type?: string; items?: Property; additionalProperties?: Property };
        type Analysis = ReturnType<Analyzer["analyze"]>;
        let analysis: Analysis;
        // The name Pulumi's Node.js plugin host derives from package.json (cmd/run-plugin): the name without its @scope.
        const providerName = (packageJson.name as string).replace(/^@[^/]+\//, "");
        before(function () {
            analysis = new Analyzer(COMPONENTS_DIR, providerName, packageJson, new Set(Object.keys(COMPONENTS))).analyze();
        });

        it("names the package components (namespace istio-mesh), as README says", () => {
            assert.equal(providerName, "components");
        });

        for (const [name, c] of Object.entries(COMPONENTS)) {
            it(`accepts ${name}, with its arguments as inputs and its outputs`, () => {
                const component = analysis.components[name];
                assert.deepEqual(Object.keys(component.inputs).sort(), c.inputs);
                assert.deepEqual(Object.keys(component.outputs).sort(), c.outputs);
                assert.ok(component.description, `${name} has a description`);
            });
        }

        it("types nothing as Any except IstioMesh's free-form meshConfig", () => {
            const any: string[] = [];
            const visit = (where: string, p: Property | undefined): void => {
                if (!p) return;
                if (p.$ref === "pulumi.json#/Any") any.push(where);
                visit(`${where}[]`, p.items);
                visit(`${where}{}`, p.additionalProperties);
            };
            for (const [name, component] of Object.entries(analysis.components)) {
                for (const [key, p] of Object.entries({ ...component.inputs, ...component.outputs })) visit(`${name}.${key}`, p as Property);
            }
            for (const [name, type] of Object.entries(analysis.typeDefinitions)) {
                for (const [key, p] of Object.entries(type.properties ?? {})) visit(`${name}.${key}`, p as Property);
            }
            assert.deepEqual(any, ["IstioMesh.meshConfig{}"]);
        });

        it("turns Istio's enums into schema enums", () => {
            const values = (type: string) => analysis.typeDefinitions[type]?.enum?.map((e) => e.value);
            assert.deepEqual(values("MtlsMode"), ["STRICT", "PERMISSIVE"]);
            assert.deepEqual(values("AuthorizationAction"), ["ALLOW", "DENY", "AUDIT", "CUSTOM"]);
            assert.deepEqual(values("IssuerKind"), ["Issuer", "ClusterIssuer"]);
            assert.deepEqual(values("GatewayServiceType"), ["LoadBalancer", "NodePort", "ClusterIP"]);
            assert.deepEqual(values("MeshProfile"), ["demo", "production"]);
        });

        it("depends only on @pulumi/kubernetes (the charts it exposes)", () => {
            assert.deepEqual(analysis.dependencies.map((d) => d.name), ["kubernetes"]);
        });
    });

    it("components/README.md's example (one per component) runs under mocks, and every Istio object it registers is valid for Istio 1.30.3", async () => {
        const readme = fs.readFileSync(path.join(COMPONENTS_DIR, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Using the components in your own program"));
        const example = /```ts\n([\s\S]*?)```/.exec(section)![1];
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-readme-")), "example.ts");
        fs.writeFileSync(file, example.replace(`"${packageJson.name}"`, JSON.stringify(path.join(COMPONENTS_DIR, "index.ts"))));
        const run = await runProgram({}, "readme", [], async () => require(file));
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
        const types = new Set(run.resources.map((r) => r.type));
        for (const c of Object.values(COMPONENTS)) assert.ok(types.has(c.token), `the example uses ${c.token}`);
        const istio = run.resources.filter((r) => /^kubernetes:[a-z.]+\.istio\.io\//.test(r.type));
        assert.ok(istio.length >= 5, "VirtualService, DestinationRule, PeerAuthentication, AuthorizationPolicy, Telemetry");
        for (const r of istio) {
            const { apiVersion, kind, metadata, spec } = r.inputs;
            assertValidIstioObject({ apiVersion, kind, metadata, spec });
        }
    });

    describe("the built package", () => {
        let dir: string;
        before(function () {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-consumer-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("packs bin/ (built by the prepack script), README and LICENSE with the SDKs as peer dependencies, and another program can install, type-check and require it and its ./demo subpath", function () {
            // npm pack, tar and a full tsc: about 10 s alone, minutes on a loaded machine.
            this.timeout(300_000);
            const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: "pipe" });
            const tarball = npm(["pack", "--silent", "--pack-destination", dir, "-w", "components"], PROJECT_ROOT).trim().split("\n").pop()!;
            const installed = path.join(dir, "node_modules", packageJson.name);
            fs.mkdirSync(installed, { recursive: true });
            execFileSync("tar", ["xzf", path.join(dir, tarball), "-C", installed, "--strip-components=1"]);
            for (const file of ["bin/index.js", "bin/index.d.ts", "README.md", "LICENSE"]) assert.ok(fs.existsSync(path.join(installed, file)), file);
            const packed = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
            assert.deepEqual(Object.keys(packed.scripts ?? {}).filter((s) => /^(pre|post)?(install|prepare)$/.test(s)), [], "no install-time script");
            assert.deepEqual(Object.keys(packed.peerDependencies).sort(), ["@pulumi/kubernetes", "@pulumi/pulumi"]);
            assert.deepEqual(Object.keys(packed.dependencies), ["zod"], "the SDKs are the consumer's own, never nested copies");
            assert.equal(packed.license, "Apache-2.0");
            assert.match(fs.readFileSync(path.join(installed, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);

            // The package's dependencies, as a consumer's install would provide them.
            for (const dep of ["@pulumi", "zod"]) fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules", dep), path.join(dir, "node_modules", dep));
            fs.writeFileSync(path.join(dir, "consumer.ts"), [
                `import { GatewayServiceType, IstioMesh, IstioMeshArgs, MeshMtlsArgs, MeshNamespace, MeshProfile, MtlsMode } from "${packageJson.name}";`,
                `import { DemoWorkloads, WorkloadArgs } from "${packageJson.name}/demo";`,
                `const args: IstioMeshArgs = { istiod: ${JSON.stringify(istiod)}, gateway: undefined };`,
                `const production: IstioMeshArgs = { profile: MeshProfile.production, gateway: { serviceType: GatewayServiceType.NodePort } };`,
                `const mtls: MeshMtlsArgs = { rootNamespace: "istio-system", mtls: { mode: MtlsMode.STRICT } };`,
                `const workload: Partial<WorkloadArgs> = { name: "api" };`,
                `export const classes = [IstioMesh, MeshNamespace, DemoWorkloads, args, production, mtls, workload];`,
            ].join("\n"));
            // The tsconfig.json `pulumi new typescript` writes: strict, commonjs, no esModuleInterop, no skipLibCheck,
            // so every .d.ts the package reaches is checked (zod's would fail: they are kept out of the public types).
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
                compilerOptions: {
                    strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
                    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
                },
                files: ["consumer.ts"],
            }));
            const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "--pretty", "false", "-p", "."], { cwd: dir, encoding: "utf8" });
            assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
            const declarations = execFileSync("grep", ["-rl", "--include=*.d.ts", "from \"zod\"", path.join(installed, "bin")], { encoding: "utf8" }).trim().split("\n");
            assert.deepEqual(declarations.filter((f) => !reachable(installed).has(f)), declarations, "no declaration a consumer's compiler reads imports zod");
            fs.writeFileSync(path.join(dir, "consumer.js"), [
                `const { ComponentResource } = require("@pulumi/pulumi");`,
                `const components = (m) => Object.keys(m).filter((n) => typeof m[n] === "function" && m[n].prototype instanceof ComponentResource);`,
                `console.log(JSON.stringify({ entry: components(require("${packageJson.name}")), demo: components(require("${packageJson.name}/demo")) }));`,
            ].join("\n"));
            const found = JSON.parse(execFileSync(process.execPath, ["consumer.js"], { cwd: dir, encoding: "utf8" }));
            assert.deepEqual(found.entry.sort(), Object.keys(COMPONENTS).sort());
            assert.deepEqual(found.demo, ["DemoWorkloads"], "the demo workloads, TypeScript only, at the ./demo subpath");
        });
    });
});
