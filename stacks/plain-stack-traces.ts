/**
 * Hands stack formatting back to V8 when the program runs compiled.
 *
 * The SDK's entry (`@pulumi/pulumi/cmd/run`) installs `source-map-support` for every program, and the
 * SDK reads a full stack (`new Error().stack`, `Resource.callsites`) for each resource it registers:
 * source-map-support formats each of its frames, about a tenth of the program's time with thousands
 * of resources. The compiled program (bin/) ships no source maps, so that formatting maps nothing;
 * V8's own format reads the same. Under ts-node (tests, scripts) the sources do have maps, and this
 * file is TypeScript itself, so it leaves them be.
 */
export function plainStackTraces(): void {
    if (__filename.endsWith(".js")) (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}
