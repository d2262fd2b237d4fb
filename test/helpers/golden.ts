import { strict as assert } from "assert";
import { assertValidIstioObject } from "./istio-crd-validator";
import { ProgramRun, Registered, runProgram } from "./mock-program";
import { normalizeSpec, readmeExample } from "./readme-examples";

/** An object a sample or task page applies, as the test states it (written out, not read from a file). */
export interface Expected {
    kind: string;
    name: string;
    /** Where the sample applies it; `default` when it names none. */
    namespace?: string;
    spec: Record<string, unknown>;
    /** Its metadata.annotations, when the page sets any. */
    annotations?: Record<string, string>;
    /**
     * The project's name for the object where the page's differs: a service names its one
     * VirtualService and one DestinationRule alike (tcp-echo's are tcp-echo and tcp-echo-destination).
     */
    producedAs?: string;
    /**
     * The page's VirtualService lists only the names a gateway serves; the project's always starts
     * with the service's own host, which a gateway that does not serve it ignores. Compared without it.
     */
    serviceHostFirst?: boolean;
    /**
     * The project's exportTo where it is more than its own namespace: also the namespaces of the gateway
     * pods that apply the rules (the page leaves exportTo to Istio's default, every namespace).
     */
    exportTo?: string[];
}

/** The stack's registered object of `kind` named `name` (metadata.name). */
export function objectOf(run: ProgramRun, kind: string, name: string, namespace?: string): Registered {
    const found = run.resources.filter((r) => r.inputs?.kind === kind && r.inputs?.metadata?.name === name &&
        (namespace === undefined || r.inputs.metadata.namespace === namespace));
    assert.equal(found.length, 1, `expected one ${kind} ${name}; the stack has ${run.resources.filter((r) => r.inputs?.kind === kind).map((r) => r.inputs.metadata.name).join(", ") || "none"}`);
    return found[0];
}

/**
 * Runs stack config (on the demo profile, without the demo apps and addons)
 * and checks that it produces an object equivalent to each expected one,
 * valid against Istio's CRDs. The project's rules stay in their own
 * namespace (`exportTo: ["."]`, plus the namespaces of the gateways that apply
 * them, as `exportTo` expects), which the samples leave to Istio's default;
 * for those callers the two are the same.
 */
export async function assertConfigProduces(label: string, config: Record<string, unknown>, expected: readonly Expected[]): Promise<ProgramRun> {
    const run = await runProgram({
        "istio-mesh:profile": "demo",
        "istio-mesh:demo": { enabled: false },
        "istio-mesh:observability": { tracing: { enabled: false }, prometheus: { enabled: false }, jaeger: { enabled: false }, kiali: { enabled: false } },
        ...config,
    });
    for (const e of expected) {
        const namespace = e.namespace ?? "default";
        const object = objectOf(run, e.kind, e.producedAs ?? e.name, namespace);
        assertValidIstioObject(object.inputs);
        const { exportTo, ...spec } = object.inputs.spec;
        const produced = JSON.stringify(exportTo) === JSON.stringify(e.exportTo ?? ["."]) ? spec : { ...object.inputs.spec };
        if (e.serviceHostFirst) produced.hosts = produced.hosts.slice(1);
        assert.deepStrictEqual(produced, normalizeSpec(e.spec, namespace), `${label}: ${e.kind} ${e.name}`);
        assert.deepStrictEqual(object.inputs.metadata.annotations, e.annotations, `${label}: ${e.kind} ${e.name} annotations`);
    }
    return run;
}

/** assertConfigProduces for README's example `id`. */
export async function assertExampleProduces(id: string, expected: readonly Expected[]): Promise<ProgramRun> {
    return assertConfigProduces(id, readmeExample(id), expected);
}
