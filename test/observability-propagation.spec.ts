import { strict as assert } from "assert";
import fc from "fast-check";
import * as http from "http";
import { AddressInfo } from "net";
import { LIST_TRACE_HEADERS, SINGLE_TRACE_HEADERS, TRACE_HEADERS, traceHeaders, withTraceHeaders } from "../components/observability/propagation";

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

// A fake Express request: Express's req.get is a case-insensitive read of req.headers.
function expressRequest(headers: Record<string, string | string[]>) {
    return { headers, get: (name: string) => headers[name.toLowerCase()] };
}

describe("trace header propagation", () => {
    it("carries the seed's headers plus W3C trace context and baggage", () => {
        const seed = ["x-request-id", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags"];
        for (const name of [...seed, "b3", "traceparent", "tracestate", "baggage"]) {
            assert.ok(TRACE_HEADERS.includes(name), name);
        }
        assert.equal(new Set(TRACE_HEADERS).size, TRACE_HEADERS.length);
    });

    it("copies every trace header from a plain header map and nothing else", () => {
        const incoming = Object.fromEntries(TRACE_HEADERS.map((name, i) => [name, `v${i}`]));
        const out = traceHeaders({ ...incoming, cookie: "secret", authorization: "Bearer x", "content-type": "text/plain" });
        assert.deepEqual(out, incoming);
    });

    it("leaves missing headers out instead of sending empty ones", () => {
        assert.deepEqual(traceHeaders({}), {});
        assert.deepEqual(traceHeaders({ "x-request-id": "", traceparent: undefined, "x-b3-sampled": "1" }), { "x-b3-sampled": "1" });
    });

    it("matches names in any case and sends them lower-case", () => {
        const out = traceHeaders({ "X-Request-ID": "abc", TraceParent: TRACEPARENT, "X-B3-TraceId": "463ac35c9f6413ad" });
        assert.deepEqual(out, { "x-request-id": "abc", "x-b3-traceid": "463ac35c9f6413ad", traceparent: TRACEPARENT });
    });

    it("keeps the first value of a repeated single-value header, never an invalid comma list", () => {
        // Node joins repeated lines with ", "; a hand-built map may hold an array or two spellings.
        assert.equal(traceHeaders({ traceparent: `${TRACEPARENT}, 00-ffff-ffff-00` }).traceparent, TRACEPARENT);
        assert.equal(traceHeaders({ "x-request-id": ["first", "second"] })["x-request-id"], "first");
        assert.equal(traceHeaders({ "X-B3-Sampled": "1", "x-b3-sampled": "0" })["x-b3-sampled"], "1");
    });

    it("merges repeated tracestate and baggage lines into one list, in order", () => {
        const out = traceHeaders({ tracestate: ["rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"], Baggage: "userId=alice, isProduction=false", baggage: "tier=gold" });
        assert.equal(out.tracestate, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assert.equal(out.baggage, "userId=alice,isProduction=false,tier=gold");
    });

    it("reads fetch Request and Headers objects", () => {
        const headers = new Headers([["TraceParent", TRACEPARENT], ["baggage", "a=1"], ["baggage", "b=2"], ["x-other", "no"]]);
        const expected = { traceparent: TRACEPARENT, baggage: "a=1,b=2" };
        assert.deepEqual(traceHeaders(headers), expected);
        assert.deepEqual(traceHeaders(new Request("http://orders/", { headers })), expected);
    });

    it("reads an Express-style request, and a lookup-only object through get()", () => {
        const req = expressRequest({ "x-request-id": "r1", "x-b3-flags": "1" });
        assert.deepEqual(traceHeaders(req), { "x-request-id": "r1", "x-b3-flags": "1" });
        assert.deepEqual(traceHeaders({ get: req.get }), { "x-request-id": "r1", "x-b3-flags": "1" });
    });

    it("reads a real Node http.IncomingMessage, with repeated and mixed-case lines", async () => {
        const seen = await new Promise<Record<string, string>>((resolve, reject) => {
            const server = http.createServer((req, res) => {
                resolve(traceHeaders(req));
                res.end();
                server.close();
            });
            server.listen(0, "127.0.0.1", () => {
                const { port } = server.address() as AddressInfo;
                const client = http.request({ port, host: "127.0.0.1", path: "/" });
                client.setHeader("X-Request-Id", "req-1");
                client.setHeader("TraceState", ["a=1", "b=2"]);
                client.setHeader("x-b3-traceid", ["80f198ee56343ba864fe8b2a57d3eff7", "ignored"]);
                client.on("error", reject);
                client.end();
            });
        });
        assert.deepEqual(seen, { "x-request-id": "req-1", "x-b3-traceid": "80f198ee56343ba864fe8b2a57d3eff7", tracestate: "a=1,b=2" });
    });

    it("adds trace headers to outgoing headers, replacing stale ones whatever their case", () => {
        const out = withTraceHeaders({ "x-request-id": "new" }, { "X-Request-Id": "old", accept: "application/json" });
        assert.deepEqual(out, { accept: "application/json", "x-request-id": "new" });
        assert.deepEqual(withTraceHeaders({}, { "X-Request-Id": "kept" }), { "X-Request-Id": "kept" });
    });

    it("property: output has only known lower-case names, one clean value each, same for any name casing", () => {
        const token = fc.stringMatching(/^[a-z0-9=-]{1,12}$/);
        const casing = fc.func(fc.boolean());
        fc.assert(fc.property(
            fc.dictionary(fc.constantFrom(...TRACE_HEADERS), fc.array(token, { minLength: 1, maxLength: 3 })),
            casing,
            (incoming, upper) => {
                const mixed = Object.fromEntries(Object.entries(incoming).map(([name, values]) =>
                    [[...name].map((ch, i) => (upper(name, i) ? ch.toUpperCase() : ch)).join(""), values]));
                const out = traceHeaders(mixed);
                assert.deepEqual(out, traceHeaders(incoming));
                for (const [name, value] of Object.entries(out)) {
                    assert.ok(TRACE_HEADERS.includes(name));
                    const values = incoming[name];
                    if ((SINGLE_TRACE_HEADERS as readonly string[]).includes(name)) assert.equal(value, values[0]);
                    if ((LIST_TRACE_HEADERS as readonly string[]).includes(name)) assert.equal(value, values.join(","));
                }
                assert.deepEqual(Object.keys(out).sort(), Object.keys(incoming).sort());
            },
        ));
    });
});

describe("propagation module packaging", () => {
    it("imports nothing, so application code can use it without Pulumi or other packages", () => {
        const source = require("fs").readFileSync(require("path").join(__dirname, "../components/observability/propagation.ts"), "utf8") as string;
        assert.doesNotMatch(source, /^\s*import\s|require\(/m);
    });
});
