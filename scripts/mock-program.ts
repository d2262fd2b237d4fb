import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { parse, YAMLParseError } from "yaml";

// The SDK's own protobuf runtime: the Struct class its requests are made of, and its response message.
const SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [SDK_DIR] }));
const { RegisterResourceResponse } = require("@pulumi/pulumi/proto/resource_pb");

// Internal to the SDK (not in its typings) but the one way to know every
// registration has reached the mock monitor.
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

// The folder of Pulumi.yaml: one up from the sources, two up from their compiled copy in bin/.
function projectRoot(dir: string): string {
    return fs.existsSync(path.join(dir, "Pulumi.yaml")) ? dir : projectRoot(path.dirname(dir));
}

export const PROJECT_ROOT = projectRoot(path.resolve(__dirname, ".."));

/** What the program asked the engine to create, as the engine would see it. */
export interface Registered {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    custom: boolean;
    parent: string;
    dependencies: string[];
    provider: string;
    transforms: pulumi.ResourceTransform[];
    /** Input properties whose changes the engine ignores after the first create. */
    ignoreChanges: string[];
    /** `opts.protect`: the engine refuses to delete it. */
    protect: boolean;
    /** Earlier identities (`opts.aliases`) as the SDK sends them: by URN, or by name, type and parent. */
    aliases: AliasSpec[];
}

export interface AliasSpec {
    urn?: string;
    name?: string;
    type?: string;
    /** The earlier parent's URN; `noParent` for the stack root. */
    parentUrn?: string;
    noParent?: boolean;
}

// The SDK's alias message: a URN, or a spec whose empty fields mean "as now".
function aliasOf(alias: any): AliasSpec {
    if (alias.hasUrn?.() && alias.getUrn()) return { urn: alias.getUrn() };
    const spec = alias.getSpec();
    return {
        name: spec.getName() || undefined,
        type: spec.getType() || undefined,
        parentUrn: spec.getParenturn() || undefined,
        noParent: spec.getNoparent() || undefined,
    };
}

export interface ProgramRun {
    resources: Registered[];
    outputs: Record<string, unknown>;
}

type StackConfig = Record<string, unknown>;

/** The stacks whose `Pulumi.<name>.yaml` is in `dir`, sorted. */
export function stackNames(dir = PROJECT_ROOT): string[] {
    return fs.readdirSync(dir).flatMap((f) => /^Pulumi\.([\w-]+)\.yaml$/.exec(f)?.[1] ?? []).sort();
}

/** The `config:` block of `Pulumi.<stack>.yaml` in `dir` (the project by default). */
export function readStackFile(stack: string, dir = PROJECT_ROOT): StackConfig {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    try {
        return (parse(fs.readFileSync(file, "utf8")) as { config?: StackConfig } | null)?.config ?? {};
    } catch (e) {
        // A typo in the stack file is a config error: the file and line, not the parser's stack.
        if (!(e instanceof YAMLParseError)) throw e;
        const at = e.linePos?.[0];
        const where = at ? `:${at.line}:${at.col}` : "";
        // Required here, not at the top: it loads zod, which the bench counts as the program's own loading.
        const { ConfigError } = require("../stacks/errors") as typeof import("../stacks/errors");
        throw new ConfigError([`${path.relative(process.cwd(), file)}${where}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`]);
    }
}

// The CLI passes structured values as JSON text, plain strings as they are.
function toEngineConfig(config: StackConfig): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

async function settle(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        return settle(await new Promise((resolve) => value.apply(resolve)));
    }
    if (Array.isArray(value)) return Promise.all(value.map(settle));
    if (value && typeof value === "object" && !pulumi.Resource.isInstance(value)) {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await settle(v)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

type Program = () => Promise<Record<string, unknown>>;

// A function of its own, so that the getters' scope holds the bytes and not the request.
function registration(req: any, urn: string, monitor: any): [Registered, () => Record<string, unknown>] {
    // Kept as the bytes gRPC would send, and decoded on first use: decoding is the engine's side of
    // the wire, which a program run alone never pays for, and bytes hold a large stack in less memory.
    const bytes: Uint8Array = req.getObject().serializeBinary();
    const wire = () => Struct.deserializeBinary(bytes).toJavaScript() as Record<string, unknown>;
    let inputs: Record<string, any> | undefined;
    const registered: Registered = {
        type: req.getType(),
        name: req.getName(),
        urn,
        get inputs() {
            return (inputs ??= pulumi.runtime.deserializeProperties(Struct.deserializeBinary(bytes)));
        },
        custom: req.getCustom(),
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        provider: req.getProvider(),
        ignoreChanges: req.getIgnorechangesList(),
        protect: req.getProtect() === true,
        aliases: (req.getAliasesList() as any[]).map(aliasOf),
        transforms: (req.getTransformsList() as any[])
            .map((cb): pulumi.ResourceTransform | undefined => monitor.transformCallbacks.get(cb.getToken()))
            .filter((t): t is pulumi.ResourceTransform => t !== undefined),
    };
    return [registered, wire];
}

/**
 * The engine's answer to a registration, as the mocks below give it (the inputs as the state, the
 * name plus `-id` as the ID), without the SDK's MockMonitor work: it decodes the request, encodes
 * the state again and keeps it decoded for every resource, in the program's own process, which a
 * real engine does in its own. The response carries the request's Struct; the state the monitor
 * keeps for `getResource` and `existsResource` is read back from the registration's bytes on use.
 */
function answerRegistrations(monitor: any, resources: Registered[]): void {
    monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
        let response;
        try {
            const urn: string = monitor.newUrn(req.getParent(), req.getType(), req.getName());
            const id = `${req.getName()}-id`;
            const [registered, wire] = registration(req, urn, monitor);
            let state: unknown;
            monitor.resources.set(urn, {
                urn, id,
                // registerResourceOutputs replaces it with the component's outputs.
                get state() { return (state ??= wire()); },
                set state(value) { state = value; },
            });
            response = new RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(id);
            response.setObject(req.getObject());
            resources.push(registered);
        } catch (err) {
            callback(err, undefined);
            return;
        }
        callback(null, response);
    };
}

/**
 * Runs the real program (index.ts), or `program` when given, under Pulumi's
 * mock monitor with the given config and returns every resource registration,
 * including what mocks do not normally show (parent, dependencies, provider),
 * read off the raw requests. Registrations are also pushed to `resources`,
 * which a caller can pass to see what was registered before a failure.
 * `deployed` is what the stack's last update output, as the program reads it
 * back (a StackReference to itself): none, as for a new stack, by default.
 */
export async function runProgram(config: StackConfig, stack = "test", resources: Registered[] = [],
    program?: Program, deployed: Record<string, unknown> = {}): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(toEngineConfig(config));
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: `${args.name}-id`,
                state: args.type === "pulumi:pulumi:StackReference" ? { ...args.inputs, outputs: deployed } : args.inputs,
            }),
            call: (args) => args.inputs,
        },
        "istio-mesh",
        stack,
        true,
        // As the DIY backend names it; the program reads its own stack's outputs (stacks/version-history.ts).
        "organization",
    );
    answerRegistrations(pulumi.runtime.getMonitor(), resources);
    // The program next to this script: index.ts under ts-node, bin/index.js compiled.
    const run: Program = program ?? require(path.join(__dirname, "..", "index"));
    const outputs = (await settle(await run())) as Record<string, unknown>;
    await waitForRPCs();
    return { resources, outputs };
}

export function runStack(stack: string, dir = PROJECT_ROOT, deployed?: Record<string, unknown>): Promise<ProgramRun> {
    return runProgram(readStackFile(stack, dir), stack, [], undefined, deployed);
}

export function ofType(run: ProgramRun, type: string): Registered[] {
    return run.resources.filter((r) => r.type === type);
}

export function named(run: ProgramRun, name: string, type?: string): Registered {
    const found = run.resources.find((r) => r.name === name && (type === undefined || r.type === type));
    if (!found) throw new Error(`no ${type ?? "resource"} named ${name}; have: ${run.resources.map((r) => r.name).join(", ")}`);
    return found;
}
