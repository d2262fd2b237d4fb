import { strict as assert } from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { policies } from "../../policies/rules";
import { enforcementOf, knobsOf, readPolicyConfig } from "../../policies/runner/config";
import { PROJECT_ROOT } from "../helpers/mock-program";

// The analyzer's gRPC stubs and protobuf messages, from the copies @pulumi/pulumi uses
// (the generated client checks message classes with instanceof).
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
const grpc = fromPulumi("@grpc/grpc-js");
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");

const POLICY_DIR = path.join(PROJECT_ROOT, "policies");

// How @pulumi/pulumi's run-policy-pack (what the CLI runs) loads a pack: ts-node registered
// with type checking, then the pack's folder required, which is its package.json main:
// bin/index.js, built by the pack's prepare script, so ts-node compiles nothing.
const LOAD_LIKE_THE_CLI = `
const fs = require("fs");
require(${JSON.stringify(require.resolve("ts-node"))}).register({
    typeCheck: true,
    skipProject: !fs.existsSync("tsconfig.json"),
    compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" },
});
require(process.cwd());
`;

/**
 * Starts the pack as the Pulumi CLI does (a separate node process in the
 * pack's folder, which reads its version from package.json) and resolves with
 * the port it prints once its gRPC server listens.
 */
function startPack(): { child: ChildProcess; port: Promise<number> } {
    const child = spawn(process.execPath, ["-e", LOAD_LIKE_THE_CLI], { cwd: POLICY_DIR, stdio: ["ignore", "pipe", "pipe"] });
    const port = new Promise<number>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (chunk) => {
            out += chunk;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) resolve(Number(m[1]));
        });
        child.stderr!.on("data", (chunk) => (err += chunk));
        child.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${err}${out}`)));
    });
    return { child, port };
}

const call = <T>(client: any, method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](request, (e: Error | null, res: T) => (e ? reject(e) : resolve(res))));

describe("policy pack process (policies/index.ts, compiled to policies/bin/index.js)", function () {
    this.timeout(60000);
    let pack: ReturnType<typeof startPack>;
    let client: any;

    before(async () => {
        pack = startPack();
        const port = await pack.port;
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.child.kill();
    });

    it("serves the analyzer over gRPC with every policy of policies/rules", async () => {
        const info = await call<any>(client, "getAnalyzerInfo", new Empty());
        assert.equal(info.getName(), "istio-mesh");
        assert.equal(info.getVersion(), require(path.join(POLICY_DIR, "package.json")).version);
        assert.deepEqual(info.getPoliciesList().map((p: any) => p.getName()).sort(), policies.map((p) => p.name).sort());
    });

    const analyze = async (props: object) => {
        const request = new analyzerPb.AnalyzeRequest();
        request.setType("kubernetes:networking.istio.io/v1:VirtualService");
        request.setName("everything");
        request.setUrn("urn:pulumi:prod::istio-mesh::kubernetes:networking.istio.io/v1:VirtualService::everything");
        request.setProperties(Struct.fromJavaScript(props));
        request.setOptions(new analyzerPb.AnalyzerResourceOptions());
        const response = await call<any>(client, "analyze", request);
        return response.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), message: d.getMessage(), level: d.getEnforcementlevel() }));
    };
    const wildcard = { metadata: { name: "everything", namespace: "default" }, spec: { hosts: ["*"], exportTo: ["."] } };

    it("analyzes a resource sent as the engine sends it, at the policy's own level", async () => {
        const diagnostics = await analyze(wildcard);
        assert.deepEqual(diagnostics.map((d: any) => [d.policy, d.level]), [["routing-virtual-service-wildcard-hosts", analyzerPb.EnforcementLevel.MANDATORY]]);
        assert.match(diagnostics[0].message, /VirtualService default\/everything has host "\*"/);
    });

    it("takes policies/config/dev.json as the CLI hands it over (levels and knobs per policy)", async () => {
        const configure = async (config: ReturnType<typeof readPolicyConfig>) => {
            const request = new analyzerPb.ConfigureAnalyzerRequest();
            const levels: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
            for (const p of policies) {
                const entry = new analyzerPb.PolicyConfig();
                entry.setEnforcementlevel(levels[enforcementOf(p, config, "advisory")]);
                entry.setProperties(Struct.fromJavaScript(knobsOf(p, config)));
                request.getPolicyconfigMap().set(p.name, entry);
            }
            await call(client, "configure", request);
        };
        const names = policies.map((p) => p.name);
        const dev = readPolicyConfig(path.join(POLICY_DIR, "config/dev.json"), names);
        await configure(dev);
        assert.deepEqual((await analyze(wildcard)).map((d: any) => d.level), [analyzerPb.EnforcementLevel.ADVISORY]);
        await configure({ ...dev, "routing-virtual-service-wildcard-hosts": { enforcementLevel: "mandatory", allowedHosts: ["*"] } });
        assert.deepEqual(await analyze(wildcard), []);
    });

    it("keeps running while serving", () => {
        assert.equal(pack.child.exitCode, null);
        assert.equal(pack.child.signalCode, null);
    });
});
