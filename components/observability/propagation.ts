/**
 * Trace header propagation for Node.js services in the mesh.
 *
 * Envoy starts and ends spans, but only the application can tell that an
 * outgoing call belongs to the request it is serving: it must copy these
 * headers from the incoming request to every downstream call. No Pulumi and no
 * dependencies here, so application code can import (or copy) this file.
 *
 * Works with Node `http` (`req.headers`), Express (`req.headers` / `req.get`),
 * and fetch (`Request`, `Headers`). Header names are matched case-insensitively.
 */

/** Headers that may hold a list and may be sent as several header lines (W3C Trace Context, W3C Baggage). */
export const LIST_TRACE_HEADERS = ["tracestate", "baggage"] as const;

/** Headers that carry exactly one value: IDs and flags (Envoy's request ID, Zipkin B3, W3C traceparent). */
export const SINGLE_TRACE_HEADERS = [
    "x-request-id",
    "x-b3-traceid",
    "x-b3-spanid",
    "x-b3-parentspanid",
    "x-b3-sampled",
    "x-b3-flags",
    "b3",
    "traceparent",
] as const;

export const TRACE_HEADERS: readonly string[] = [...SINGLE_TRACE_HEADERS, ...LIST_TRACE_HEADERS];

export type HeaderValue = string | readonly string[] | number | null | undefined;

/** Node's `IncomingHttpHeaders`, or any plain object of headers (names in any case). */
export interface HeaderMap {
    readonly [name: string]: HeaderValue;
}

/** fetch's `Headers`, or Express's `req.get`: a case-insensitive lookup. */
export interface HeaderLookup {
    get(name: string): HeaderValue;
}

/** A request (`http.IncomingMessage`, Express `Request`, fetch `Request`) or its headers. */
export type HeaderSource = HeaderMap | HeaderLookup | { readonly headers: HeaderMap | HeaderLookup };

function isLookup(source: unknown): source is HeaderLookup {
    return typeof (source as HeaderLookup).get === "function";
}

function headersOf(source: HeaderSource): HeaderMap | HeaderLookup {
    const inner = (source as { headers?: unknown }).headers;
    // A request object: its `headers` holds them (Express also has `get`, which reads the same map).
    if (typeof inner === "object" && inner !== null) return inner as HeaderMap | HeaderLookup;
    return source as HeaderMap | HeaderLookup;
}

// Every value of one header, whatever the source did with duplicates: Node and
// fetch join repeated lines with ", ", hand-built objects may hold arrays or the
// same name in two spellings.
function valuesOf(headers: HeaderMap | HeaderLookup, name: string): string[] {
    const raw: HeaderValue[] = isLookup(headers)
        ? [headers.get(name)]
        : Object.keys(headers).filter((key) => key.toLowerCase() === name).map((key) => headers[key]);
    const values: string[] = [];
    for (const value of raw) {
        if (value === null || value === undefined) continue;
        for (const line of Array.isArray(value) ? value : [String(value)]) {
            for (const part of String(line).split(",")) {
                const trimmed = part.trim();
                if (trimmed) values.push(trimmed);
            }
        }
    }
    return values;
}

/**
 * The trace headers of an incoming request, ready to add to an outgoing call:
 * lower-case names, one string each, absent headers left out.
 *
 * Single-value headers (IDs, `traceparent`, `b3`) never contain a comma, so a
 * repeated one is cut back to its first value rather than forwarded as an
 * invalid `a, b`. `tracestate` and `baggage` are lists that HTTP allows over
 * several lines: every member is kept, in order, joined with commas.
 */
export function traceHeaders(source: HeaderSource): Record<string, string> {
    const headers = headersOf(source);
    const out: Record<string, string> = {};
    for (const name of SINGLE_TRACE_HEADERS) {
        const [first] = valuesOf(headers, name);
        if (first !== undefined) out[name] = first;
    }
    for (const name of LIST_TRACE_HEADERS) {
        const members = valuesOf(headers, name);
        if (members.length > 0) out[name] = members.join(",");
    }
    return out;
}

/**
 * `outgoing` plus the incoming request's trace headers, for `fetch(url, { headers })`
 * or `http.request(url, { headers })`. The incoming trace headers win over any
 * of the same name already in `outgoing`, in whatever case it was written.
 */
export function withTraceHeaders(incoming: HeaderSource, outgoing: Record<string, string> = {}): Record<string, string> {
    const trace = traceHeaders(incoming);
    const kept = Object.entries(outgoing).filter(([name]) => !(name.toLowerCase() in trace));
    return { ...Object.fromEntries(kept), ...trace };
}
