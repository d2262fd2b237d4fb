import { z } from "zod";

/**
 * What `retries.retryOn` may list: Envoy's documented retry conditions
 * (`x-envoy-retry-on` for HTTP, `x-envoy-retry-grpc-on` for gRPC) and HTTP
 * status codes. Istio's validating webhook accepts exactly these (it checks
 * status codes against Go's table of known codes, copied below), so anything
 * else would be refused by the API server at `pulumi up`.
 */
export const HTTP_RETRY_CONDITIONS = [
    "5xx",
    "gateway-error",
    "reset",
    "reset-before-request",
    "connect-failure",
    "envoy-ratelimited",
    "retriable-4xx",
    "refused-stream",
    "retriable-status-codes",
    "retriable-headers",
    "http3-post-connect-failure",
] as const;

export const GRPC_RETRY_CONDITIONS = ["cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable"] as const;

// The status codes Go's net/http knows (http.StatusText is not empty).
const KNOWN_STATUS_CODES = new Set([
    100, 101, 102, 103,
    200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
    300, 301, 302, 303, 304, 305, 307, 308,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
    500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

const CONDITIONS = new Set<string>([...HTTP_RETRY_CONDITIONS, ...GRPC_RETRY_CONDITIONS]);

function isRetryCondition(entry: string): boolean {
    return CONDITIONS.has(entry) || (/^[1-5][0-9]{2}$/.test(entry) && KNOWN_STATUS_CODES.has(Number(entry)));
}

/** The entries of a retryOn list that Envoy (and Istio) would not accept. */
export function unknownRetryConditions(retryOn: string): string[] {
    return retryOn.split(",").filter((entry) => !isRetryCondition(entry));
}

export const retryOn = z.string().superRefine((text, ctx) => {
    const unknown = unknownRetryConditions(text);
    if (unknown.length === 0) return;
    ctx.addIssue({
        code: "custom",
        message:
            `unknown retry condition${unknown.length === 1 ? "" : "s"} ${unknown.map((u) => JSON.stringify(u)).join(", ")}; ` +
            `expected a comma-separated list (no spaces) of Envoy retry conditions ` +
            `(${[...HTTP_RETRY_CONDITIONS, ...GRPC_RETRY_CONDITIONS].join(", ")}) or HTTP status codes such as 503`,
    });
});
