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
}

/** The stack's registered object of `kind` named `name` (metadata.name). */
export function objectOf(run: ProgramRun, kind: string, name: string, namespace?: string): Registered {
    const found = run.resources.filter((r) => r.inputs?.kind === kind && r.inputs?.metadata?.name === name &&
        (namespace === undefined || r.inputs.metadata.namespace === namespace));
    assert.equal(found.length, 1, `expected one ${kind} ${name}; the stack has ${run.resources.filter((r) => r.inputs?.kind === kind).map((r) => r.inputs.metadata.name).join(", ") || "none"}`);
    return found[0];
}

/**
 * Runs README's example `id` (on the demo profile, without the demo apps and
 * addons) and checks that it produces an object equivalent to each expected
 * one, valid against Istio's CRDs. The project's rules stay in their own
 * namespace (`exportTo: ["."]`), which the samples leave to Istio's default;
 * for callers in that namespace the two are the same, so it is not compared.
 */
export async function assertExampleProduces(id: string, expected: readonly Expected[]): Promise<ProgramRun> {
    const run = await runProgram({
        "istio-mesh:profile": "demo",
        "istio-mesh:demo": { enabled: false },
        "istio-mesh:observability": { tracing: { enabled: false }, prometheus: { enabled: false }, jaeger: { enabled: false }, kiali: { enabled: false } },
        ...readmeExample(id),
    });
    for (const e of expected) {
        const namespace = e.namespace ?? "default";
        const object = objectOf(run, e.kind, e.name, namespace);
        assertValidIstioObject(object.inputs);
        const { exportTo, ...spec } = object.inputs.spec;
        const produced = JSON.stringify(exportTo) === JSON.stringify(["."]) ? spec : object.inputs.spec;
        assert.deepStrictEqual(produced, normalizeSpec(e.spec, namespace), `${id}: ${e.kind} ${e.name}`);
    }
    return run;
}
