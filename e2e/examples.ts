import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../scripts/mock-program";
import { compareObjects, K8sObject, liveIstioObjects } from "./live-objects";
import { fail, must, sh, Step } from "./shell";
import { chartMirrorDir, cliEnv, commandEnv } from "./project";

/**
 * The example programs (examples/<language>): the same mesh from TypeScript, and
 * from Python and Go through the SDKs generated from components/. Each is
 * previewed, deployed, read back and destroyed on a fresh local control plane;
 * then each other language's Istio objects and URNs must equal TypeScript's.
 */

export const EXAMPLE_LANGUAGES = ["typescript", "python", "go"] as const;
export type ExampleLanguage = (typeof EXAMPLE_LANGUAGES)[number];

const EXAMPLES = path.join(PROJECT_ROOT, "examples");
const COMPONENTS = path.join(PROJECT_ROOT, "components");
const STACK = "e2e";

type Phase = (group: string, name: string, body: Step) => Promise<boolean>;

export interface Deployed {
    objects: K8sObject[];
    urns: string[];
}

// The provider that serves the components to another language: a TypeScript program runs the classes itself.
const COMPONENT_PROVIDER = /::pulumi:providers:components::/;

/**
 * Same Istio objects as the TypeScript program's (by kind, namespace and name,
 * with equal specs, each way) and the same URNs, but for the component provider.
 */
export function compareDeployments(language: string, ts: Deployed, other: Deployed): { problems: string[]; counts: Record<string, number> } {
    const one = compareObjects(ts.objects, other.objects);
    const back = compareObjects(other.objects, ts.objects);
    const urns = other.urns.filter((u) => !COMPONENT_PROVIDER.test(u));
    const problems = [
        ...one.missing.map((k) => `missing in ${language}: ${k}`), ...back.missing.map((k) => `only in ${language}: ${k}`),
        ...one.different, ...back.different,
        ...ts.urns.filter((u) => !urns.includes(u)).map((u) => `URN only in typescript: ${u}`),
        ...urns.filter((u) => !ts.urns.includes(u)).map((u) => `URN only in ${language}: ${u}`),
    ];
    return { problems, counts: { istioObjects: one.matched, kinds: new Set(ts.objects.map((o) => o.kind)).size, urns: urns.length } };
}

/** A virtualenv per requirements.txt content, in the cache (never in the repository). */
function pythonVenv(): string {
    const requirements = fs.readFileSync(path.join(EXAMPLES, "python", "requirements.txt"));
    const cache = process.env.ISTIO_MESH_TOOLCHAIN ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "istio-mesh", "toolchain");
    return path.join(cache, "venv", createHash("sha256").update(requirements).digest("hex").slice(0, 16));
}

export class Examples {
    private readonly deployed = new Map<ExampleLanguage, Deployed>();
    private readonly venv = pythonVenv();

    constructor(private readonly bin: string, private readonly work: string, private readonly phase: Phase,
        private readonly cluster: (verb: "up" | "down") => boolean, private readonly kubeconfig: string) {}

    private env(language: ExampleLanguage): NodeJS.ProcessEnv {
        const backend = path.join(this.work, `backend-example-${language}`);
        fs.mkdirSync(backend, { recursive: true });
        const env = cliEnv(this.bin, this.kubeconfig, this.work, backend, `e2e-example-${process.pid}`);
        // The examples' virtualenv first: the Python host runs the `python` it finds.
        return { ...env, PATH: `${path.join(this.venv, "bin")}${path.delimiter}${env.PATH}` };
    }

    private pulumi(language: ExampleLanguage, args: string[], cwd = path.join(EXAMPLES, language)) {
        return sh(path.join(this.bin, "pulumi"), [...args, "--non-interactive"], { cwd, env: commandEnv(args, this.env(language)) });
    }

    /**
     * The SDKs, as a consumer makes them: the plugin's built JavaScript, its schema,
     * `pulumi package gen-sdk` per language, the Python one pip-installed.
     */
    private sdks(languages: readonly ExampleLanguage[]): Record<string, number> {
        must(sh("npm", ["run", "-s", "build", "-w", "components"], { cwd: PROJECT_ROOT }), "npm run build -w components");
        const schema = JSON.parse(must(this.pulumi("typescript", ["package", "get-schema", COMPONENTS]), "pulumi package get-schema"));
        // Two Go codegen settings the plugin host's schema lacks: the input types of object types used
        // only as plain map values (MeshAuthorization.policies and the like), and a go.mod for the SDK.
        schema.language = { ...schema.language, go: { ...schema.language?.go, generateExtraInputTypes: true } };
        schema.meta = { ...schema.meta, supportPack: true };
        const schemaFile = path.join(this.work, "components-schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(schema));
        const counts: Record<string, number> = { resources: Object.keys(schema.resources).length };
        if (languages.includes("python")) {
            const out = path.join(this.work, "sdks");
            must(this.pulumi("python", ["package", "gen-sdk", schemaFile, "--language", "python", "--local", "--out", out]), "pulumi package gen-sdk python");
            if (!fs.existsSync(path.join(this.venv, "bin", "python"))) must(sh("python3", ["-m", "venv", this.venv]), "python3 -m venv");
            const pip = path.join(this.venv, "bin", "pip");
            must(sh(pip, ["install", "-q", "-r", path.join(EXAMPLES, "python", "requirements.txt")]), "pip install -r requirements.txt");
            must(sh(pip, ["install", "-q", "--no-deps", "--force-reinstall", path.join(out, "python")]), "pip install the generated SDK");
            counts.python = 1;
        }
        if (languages.includes("go")) {
            const out = path.join(EXAMPLES, "go", "sdks");
            must(this.pulumi("go", ["package", "gen-sdk", schemaFile, "--language", "go", "--local", "--out", out]), "pulumi package gen-sdk go");
            counts.go = 1;
        }
        return counts;
    }

    private liveIstioObjects(env: NodeJS.ProcessEnv): K8sObject[] {
        return liveIstioObjects((args) => must(sh(path.join(this.bin, "kubectl"), ["--kubeconfig", this.kubeconfig, ...args], { env }), `kubectl ${args.join(" ")}`));
    }

    private async deploy(language: ExampleLanguage): Promise<void> {
        const group = `${language}`;
        const steps: Array<[string, Step]> = [
            ["example: stack init", () => {
                must(this.pulumi(language, ["stack", "init", STACK, "--secrets-provider", "passphrase"]), "pulumi stack init");
                const { dir: mirror, problem } = chartMirrorDir();
                if (problem) fail(problem);
                must(this.pulumi(language, ["config", "set", "chartMirror", mirror]), "pulumi config set chartMirror");
            }],
            ["example: preview", () => {
                const out = must(this.pulumi(language, ["preview"]), "pulumi preview");
                return { toCreate: Number(/^\s*\+ (\d+) to create$/m.exec(out)?.[1] ?? 0) };
            }],
            ["example: up", () => {
                const out = must(this.pulumi(language, ["up", "--yes", "--skip-preview"]), "pulumi up");
                return { created: Number(/^\s*\+ (\d+) created$/m.exec(out)?.[1] ?? 0) };
            }],
            ["example: read back", () => {
                const state = JSON.parse(must(this.pulumi(language, ["stack", "export"]), "pulumi stack export"));
                const urns = (state.deployment.resources as Array<{ urn: string }>).map((r) => r.urn).sort();
                const objects = this.liveIstioObjects(this.env(language));
                this.deployed.set(language, { objects, urns });
                return { istioObjects: objects.length, urns: urns.length };
            }],
            ["example: destroy", () => {
                must(this.pulumi(language, ["destroy", "--yes", "--skip-preview"]), "pulumi destroy");
                const left = this.liveIstioObjects(this.env(language)).length;
                if (left > 0) fail(`${left} Istio objects are still there after destroy`);
                must(this.pulumi(language, ["stack", "rm", "--yes", STACK]), "pulumi stack rm");
            }],
        ];
        for (const [name, body] of steps) {
            if (!(await this.phase(group, name, body))) {
                // Leave no stack file in the example's folder.
                this.pulumi(language, ["stack", "rm", "--yes", "--force", STACK]);
                return;
            }
        }
    }

    private compare(language: ExampleLanguage): Record<string, number> {
        const ts = this.deployed.get("typescript");
        const other = this.deployed.get(language);
        if (!ts || !other) fail(`no deployment of ${ts ? language : "typescript"} to compare with`);
        const { problems, counts } = compareDeployments(language, ts, other);
        if (problems.length > 0) fail(problems.join("\n"));
        return counts;
    }

    async run(languages: readonly ExampleLanguage[]): Promise<void> {
        if (!(await this.phase("examples", "SDKs from components/", () => this.sdks(languages)))) return;
        for (const language of languages) {
            // A fresh control plane each: CRDs kept by one program's destroy must not meet the next one's install.
            if (await this.phase(language, "local cluster up", () => { if (!this.cluster("up")) fail("local-cluster.sh up failed"); })) {
                await this.deploy(language);
            }
            this.cluster("down");
        }
        for (const language of languages.filter((l) => l !== "typescript")) {
            await this.phase(language, "same objects and URNs as typescript", () => this.compare(language));
        }
    }
}
