import { strict as assert } from "assert";
import { z } from "zod";
import { schemaOf } from "../components/common/validation";

/**
 * schemaOf ties a component's public interface to its zod schema at compile
 * time. The `@ts-expect-error` lines are the test: `npm test` type-checks
 * first, and fails if any of these drifts compiles.
 */

interface Port {
    mode: "STRICT" | "DISABLE";
    reason?: string;
}

interface Args {
    name: string;
    replicas?: number;
    ports?: Record<string, Port>;
    tags?: string[];
}

const port = z.strictObject({ mode: z.enum(["STRICT", "DISABLE"]), reason: z.string().optional() });

describe("schemaOf (interface <-> zod schema)", () => {
    it("accepts a schema of exactly the interface's shape, and one that accepts more per value", () => {
        const exact = z.strictObject({ name: z.string(), replicas: z.number().optional(), ports: z.record(z.string(), port).optional(), tags: z.array(z.string()).optional() });
        assert.equal(schemaOf<Args>()(exact), exact, "returns the schema itself, with its own type");
        const wider = exact.extend({ replicas: z.union([z.number(), z.string()]).optional() });
        assert.equal(schemaOf<Args>()(wider), wider);
    });

    it("rejects drift at compile time", () => {
        const base = { name: z.string(), replicas: z.number().optional(), ports: z.record(z.string(), port).optional(), tags: z.array(z.string()).optional() };
        const drifted = [
            // @ts-expect-error a field the interface does not have
            schemaOf<Args>()(z.strictObject({ ...base, extra: z.string().optional() })),
            // @ts-expect-error a field of the interface missing from the schema
            schemaOf<Args>()(z.strictObject({ name: base.name, replicas: base.replicas, ports: base.ports })),
            // @ts-expect-error optional in the schema, required in the interface
            schemaOf<Args>()(z.strictObject({ ...base, name: z.string().optional() })),
            // @ts-expect-error a schema default makes the field optional for callers; the interface must say so
            schemaOf<{ name: string; replicas: number }>()(z.strictObject({ name: z.string(), replicas: z.number().default(1) })),
            // @ts-expect-error a narrower value than the interface allows
            schemaOf<Args>()(z.strictObject({ ...base, name: z.enum(["a"]) })),
            // @ts-expect-error drift inside a map's values
            schemaOf<Args>()(z.strictObject({ ...base, ports: z.record(z.string(), port.extend({ extra: z.string() })).optional() })),
            // @ts-expect-error drift inside an array's items
            schemaOf<Args>()(z.strictObject({ ...base, tags: z.array(z.number()).optional() })),
        ];
        // At runtime schemaOf is the identity; the rejections above are the compiler's.
        assert.equal(drifted.length, 7);
    });
});
