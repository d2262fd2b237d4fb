import { z } from "zod";

/**
 * `istio-mesh:demo`: the seed article's demo workloads (components/demo).
 * On in the demo profile, off in production (stacks/presets.ts).
 */
export const demoSchema = z.strictObject({
    enabled: z.boolean(),
});
