import type {
    Policy,
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { strict as assert } from "assert";
import Ajv from "ajv";
import { parse } from "../../policies/rules/lib/messages";
import { assertValidIstioObject } from "../helpers/istio-crd-validator";

/**
 * Test helpers in the style of pulumi/compliance-policies: build the args
 * @pulumi/policy 1.21 passes to a policy, run one policy, assert on its
 * violations. Written for this pack's Kubernetes/Istio resources.
 */

export type Obj = { [key: string]: any };

/** A resource as fixtures describe it: a type token and its inputs. */
export interface Fixture {
    type: string;
    name: string;
    props: Obj;
    urn: string;
    /** URN of the parent, as the engine passes it (a chart for what it renders). */
    parent?: string;
}

const GROUPS: Record<string, string> = {
    VirtualService: "networking.istio.io",
    DestinationRule: "networking.istio.io",
    Gateway: "networking.istio.io",
    Sidecar: "networking.istio.io",
    EnvoyFilter: "networking.istio.io",
    ServiceEntry: "networking.istio.io",
    PeerAuthentication: "security.istio.io",
    AuthorizationPolicy: "security.istio.io",
    RequestAuthentication: "security.istio.io",
    Telemetry: "telemetry.istio.io",
};

const urnOf = (type: string, name: string) => `urn:pulumi:test::istio-mesh::${type}::${name}`;

export function fixture(type: string, name: string, props: Obj): Fixture {
    return { type, name, props, urn: urnOf(type, name) };
}

/**
 * An Istio object as a CustomResource registers it (`kubernetes:<group>/<version>:<Kind>`).
 * Every one must pass Istio 1.30.3's CRD schema and CEL rules: what the policies
 * catch is what the API server would accept.
 */
export function istio(kind: string, name: string, namespace: string, spec: Obj, version = "v1"): Fixture {
    const group = GROUPS[kind];
    const props = { apiVersion: `${group}/${version}`, kind, metadata: { name, namespace }, spec };
    assertValidIstioObject(props);
    return fixture(`kubernetes:${group}/${version}:${kind}`, `${namespace}-${name}`, props);
}

export function namespace(name: string, labels: Record<string, string>, patch = false): Fixture {
    return fixture(`kubernetes:core/v1:Namespace${patch ? "Patch" : ""}`, name, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
}

export function deployment(name: string, ns: string, template: { labels?: Obj; annotations?: Obj } = {}, spec: Obj = {}): Fixture {
    return fixture("kubernetes:apps/v1:Deployment", `${ns}-${name}`, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: ns },
        spec: {
            selector: { matchLabels: { app: name } },
            template: {
                metadata: { labels: { app: name, ...template.labels }, annotations: template.annotations },
                spec: { containers: [{ name, image: `example/${name}:1` }] },
            },
            ...spec,
        },
    });
}

export function chart(name: string, chartName: string, version: string | undefined, values: Obj, repo = "https://istio-release.storage.googleapis.com/charts"): Fixture {
    return fixture("kubernetes:helm.sh/v4:Chart", name, { chart: chartName, version, values, namespace: "istio-system", repositoryOpts: { repo } });
}

class NotApplicable extends Error {}


function getConfigFor(config: Obj) {
    return <T extends object>() => config as T;
}

export function createResourceValidationArgs(f: Fixture, config: Obj = {}, stackTags: Record<string, string> = {}): ResourceValidationArgs {
    return {
        type: f.type,
        name: f.name,
        urn: f.urn,
        props: f.props,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: f.parent },
        stackTags: new Map(Object.entries(stackTags)),
        isType: () => false,
        asType: () => undefined,
        getConfig: getConfigFor(config),
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    };
}

export function createStackValidationArgs(fixtures: Fixture[], config: Obj = {}, stackTags: Record<string, string> = {}): StackValidationArgs {
    const resources: PolicyResource[] = fixtures.map((f) => ({
        type: f.type,
        name: f.name,
        urn: f.urn,
        props: f.props,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    }));
    resources.forEach((r, i) => (r.parent = resources.find((p) => p.urn === fixtures[i].parent)));
    return {
        resources,
        stackTags: new Map(Object.entries(stackTags)),
        getConfig: getConfigFor(config),
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    };
}

export interface Reported {
    message: string;
    urn?: string;
    /** The catalogue code and the object the message is about, read back from the text. */
    code: string;
    subject: string;
}

/** Runs one policy: a resource policy on one fixture, a stack policy on all of them. */
export async function run(policy: ResourceValidationPolicy | StackValidationPolicy, fixtures: Fixture | Fixture[], config: Obj = {}): Promise<Reported[]> {
    const reported: Reported[] = [];
    const report = (message: string, urn?: string) => {
        // Every message comes from the pack's catalogue, so its code and subject can be read back.
        const parsed = parse(message);
        assert.ok(parsed, `${policy.name} reported a message the catalogue does not make: ${message}`);
        reported.push({ message, urn, code: parsed.message.code, subject: parsed.args.subject });
    };
    if ("validateStack" in policy) {
        await policy.validateStack(createStackValidationArgs([fixtures].flat(), config), report);
    } else {
        for (const f of [fixtures].flat()) {
            for (const validate of [policy.validateResource ?? []].flat()) await validate(createResourceValidationArgs(f, config), report);
        }
    }
    return reported;
}

/** The resource policy declares itself not applicable to this resource (args.notApplicable). */
export async function assertNotApplicable(policy: ResourceValidationPolicy, f: Fixture, reason: RegExp): Promise<void> {
    await assert.rejects(async () => run(policy, f), (e: unknown) => e instanceof NotApplicable && reason.test(e.message));
}

export async function assertNoViolations(policy: ResourceValidationPolicy | StackValidationPolicy, fixtures: Fixture | Fixture[], config: Obj = {}): Promise<void> {
    const reported = await run(policy, fixtures, config);
    assert.deepEqual(reported.map((r) => r.message), [], `${policy.name} reported violations`);
}

/** Exactly these violations, as `{code, subject}` (the catalogue code and `Kind ns/name`), in order. */
export async function assertViolations(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    fixtures: Fixture | Fixture[],
    expected: { code: string; subject: string }[],
    config: Obj = {},
): Promise<Reported[]> {
    const reported = await run(policy, fixtures, config);
    assert.deepEqual(reported.map(({ code, subject }) => ({ code, subject })), expected, reported.map((r) => r.message).join("\n"));
    return reported;
}

/** The policy's metadata: name, description, and a config schema that is valid JSON schema and accepts its own defaults. */
export function assertWellFormed(policy: Policy & { configSchema?: PolicyConfigSchema }): void {
    assert.match(policy.name, /^[a-z0-9-]+$/);
    assert.ok(policy.description.length > 20, `${policy.name} has a description`);
    if (!policy.configSchema) return;
    const validate = new Ajv({ strict: true }).compile({ type: "object", additionalProperties: false, ...policy.configSchema });
    const defaults = Object.fromEntries(Object.entries(policy.configSchema.properties).map(([k, v]) => [k, (v as Obj).default]));
    assert.ok(validate(defaults), `${policy.name}: defaults fit the schema: ${JSON.stringify(validate.errors)}`);
}
