// Go net/netip and net/url parsing, ported for the Kubernetes CEL ip, cidr
// and url libraries (k8s.io/apiserver/pkg/cel/library). JavaScript's URL and
// node:net accept and normalise inputs Go rejects (leading-zero IPv4 octets,
// scheme-relative URLs, ...), so a rule would not judge values as the API
// server does; hence the port. Errors are thrown as Error with Go's wording.

// ---------------------------------------------------------------- IP / CIDR

/** An IP address: 4 bytes (IPv4) or 16 bytes (IPv6). */
export interface IPAddr {
    readonly bytes: Uint8Array;
}

export interface IPPrefix {
    readonly addr: IPAddr;
    readonly bits: number;
}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isHex = (c: string): boolean => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");

function parseIPv4(s: string): Uint8Array {
    const out = new Uint8Array(4);
    const fields = s.split(".");
    if (fields.length !== 4) throw new Error(`ParseAddr(${JSON.stringify(s)}): IPv4 address too ${fields.length < 4 ? "short" : "long"}`);
    fields.forEach((f, i) => {
        if (f === "" || f.length > 3 || ![...f].every(isDigit)) {
            throw new Error(`ParseAddr(${JSON.stringify(s)}): unexpected character or empty IPv4 field`);
        }
        if (f.length > 1 && f[0] === "0") throw new Error(`ParseAddr(${JSON.stringify(s)}): IPv4 field has octet with leading zero`);
        const n = Number(f);
        if (n > 255) throw new Error(`ParseAddr(${JSON.stringify(s)}): IPv4 field has value >255`);
        out[i] = n;
    });
    return out;
}

function parseIPv6(s: string): Uint8Array {
    const fail = (msg: string): never => {
        throw new Error(`ParseAddr(${JSON.stringify(s)}): ${msg}`);
    };
    const out = new Uint8Array(16);
    let ellipsis = -1; // byte index where "::" expands
    let i = 0; // bytes filled
    let pos = 0;
    if (s.startsWith("::")) {
        ellipsis = 0;
        pos = 2;
    }
    while (pos < s.length && i < 16) {
        let end = pos;
        while (end < s.length && end - pos < 5 && isHex(s[end])) end++;
        if (end === pos) fail("each colon-separated field must have at least one digit");
        if (end - pos > 4) fail("IPv6 field has value >=2^16");
        if (s[end] === ".") {
            // Trailing dotted-quad, e.g. ::ffff:10.0.0.1.
            if (ellipsis < 0 && i !== 12) fail("embedded IPv4 address must replace the final 2 fields of the address");
            if (i + 4 > 16) fail("too many hex fields to fit an embedded IPv4 at the end of the address");
            out.set(parseIPv4(s.slice(pos)), i);
            i += 4;
            pos = s.length;
            break;
        }
        const v = parseInt(s.slice(pos, end), 16);
        out[i] = v >> 8;
        out[i + 1] = v & 0xff;
        i += 2;
        pos = end;
        if (pos === s.length) break;
        if (s[pos] !== ":") fail("unexpected character, want colon");
        if (pos + 1 === s.length) fail("colon must be followed by more characters");
        pos++;
        if (s[pos] === ":") {
            if (ellipsis >= 0) fail("multiple :: in address");
            ellipsis = i;
            pos++;
        }
    }
    if (pos !== s.length) fail("trailing garbage after address");
    if (i < 16) {
        if (ellipsis < 0) fail("address string too short");
        const tail = out.slice(ellipsis, i);
        out.fill(0, ellipsis);
        out.set(tail, 16 - tail.length);
    } else if (ellipsis >= 0) {
        fail("the :: must expand to at least one field of zeros");
    }
    return out;
}

/** Go's netip.ParseAddr, rejecting zones and IPv4-mapped IPv6 like Kubernetes' ip(). */
export function parseIP(s: string): IPAddr {
    // Like Go, the first '.' or ':' decides the family.
    const marker = s.search(/[.:%]/);
    let bytes: Uint8Array;
    if (marker >= 0 && s[marker] === ":") {
        const zone = s.indexOf("%");
        if (zone >= 0) {
            if (zone === s.length - 1) throw new Error(`ParseAddr(${JSON.stringify(s)}): zone must be a non-empty string`);
            throw new Error(`IP address ${JSON.stringify(s)} with zone value is not allowed`);
        }
        bytes = parseIPv6(s);
    } else if (marker >= 0 && s[marker] === ".") {
        bytes = parseIPv4(s);
    } else {
        throw new Error(`ParseAddr(${JSON.stringify(s)}): unable to parse IP`);
    }
    const addr = { bytes };
    if (is4In6(addr)) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(s)} is not allowed`);
    return addr;
}

function is4In6(ip: IPAddr): boolean {
    const b = ip.bytes;
    return b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

/** Go's netip.Addr.String (RFC 5952 for IPv6). */
export function formatIP(ip: IPAddr): string {
    const b = ip.bytes;
    if (b.length === 4) return b.join(".");
    if (is4In6(ip)) return `::ffff:${b.slice(12).join(".")}`;
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
    // Longest run (>= 2) of zero groups becomes "::"; the first wins a tie.
    let bestStart = -1;
    let bestLen = 1;
    for (let i = 0; i < 8; ) {
        let j = i;
        while (j < 8 && groups[j] === 0) j++;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j === i ? i + 1 : j;
    }
    const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(":");
    if (bestStart < 0) return hex(groups);
    return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

export const ipFamily = (ip: IPAddr): 4 | 6 => (ip.bytes.length === 4 ? 4 : 6);

function inPrefix(ip: IPAddr, prefixBytes: number[], bits: number): boolean {
    return ip.bytes.length === prefixBytes.length && containsBits(prefixBytes, ip.bytes, bits);
}

function containsBits(prefix: ArrayLike<number>, addr: ArrayLike<number>, bits: number): boolean {
    for (let i = 0; i < bits; i++) {
        const mask = 0x80 >> i % 8;
        if ((prefix[i >> 3] & mask) !== (addr[i >> 3] & mask)) return false;
    }
    return true;
}

export const isUnspecified = (ip: IPAddr): boolean => ip.bytes.every((x) => x === 0);
export const isLoopback = (ip: IPAddr): boolean =>
    ipFamily(ip) === 4 ? ip.bytes[0] === 127 : ip.bytes.slice(0, 15).every((x) => x === 0) && ip.bytes[15] === 1;
const isMulticast = (ip: IPAddr): boolean => (ipFamily(ip) === 4 ? (ip.bytes[0] & 0xf0) === 0xe0 : ip.bytes[0] === 0xff);
export const isLinkLocalMulticast = (ip: IPAddr): boolean =>
    ipFamily(ip) === 4 ? inPrefix(ip, [224, 0, 0, 0], 24) : ip.bytes[0] === 0xff && (ip.bytes[1] & 0x0f) === 0x02;
export const isLinkLocalUnicast = (ip: IPAddr): boolean =>
    ipFamily(ip) === 4 ? inPrefix(ip, [169, 254, 0, 0], 16) : ip.bytes[0] === 0xfe && (ip.bytes[1] & 0xc0) === 0x80;
/** Go's netip.Addr.IsGlobalUnicast: private ranges still count as global. */
export const isGlobalUnicast = (ip: IPAddr): boolean =>
    !isUnspecified(ip) &&
    !(ipFamily(ip) === 4 && ip.bytes.every((x) => x === 255)) &&
    !isLoopback(ip) &&
    !isMulticast(ip) &&
    !isLinkLocalUnicast(ip);

/** Go's netip.ParsePrefix with Kubernetes' cidr() restrictions. The address keeps its host bits. */
export function parseCIDR(s: string): IPPrefix {
    const fail = (msg: string): never => {
        throw new Error(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(s)}): ${msg}`);
    };
    const slash = s.lastIndexOf("/");
    if (slash < 0) fail("no '/'");
    const addrText = s.slice(0, slash);
    if (addrText.includes("%")) fail("IPv6 zones cannot be present in a prefix");
    let addr: IPAddr;
    try {
        addr = parseIP(addrText);
    } catch (e) {
        return fail((e as Error).message);
    }
    const bitsText = s.slice(slash + 1);
    // Go refuses signs and leading zeros here although strconv.Atoi takes them.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(bitsText)) fail(`bad bits after slash: ${JSON.stringify(bitsText)}`);
    const bits = Number(bitsText);
    if (bits > addr.bytes.length * 8) fail("prefix length out of range");
    return { addr, bits };
}

export const formatCIDR = (p: IPPrefix): string => `${formatIP(p.addr)}/${p.bits}`;

export function maskedCIDR(p: IPPrefix): IPPrefix {
    const bytes = p.addr.bytes.map((b, i) => {
        const keep = Math.max(0, Math.min(8, p.bits - i * 8));
        return b & ((0xff << (8 - keep)) & 0xff);
    });
    return { addr: { bytes }, bits: p.bits };
}

export const cidrContainsIP = (p: IPPrefix, ip: IPAddr): boolean =>
    p.addr.bytes.length === ip.bytes.length && containsBits(p.addr.bytes, ip.bytes, p.bits);

export const cidrContainsCIDR = (p: IPPrefix, other: IPPrefix): boolean => p.bits <= other.bits && cidrContainsIP(p, other.addr);

// ---------------------------------------------------------------------- URL

/** The fields of Go's url.URL that the Kubernetes url library exposes. */
export interface GoURL {
    scheme: string;
    opaque: string;
    host: string;
    path: string;
    rawPath: string;
    rawQuery: string;
}

type Encoding = "path" | "host" | "zone" | "userPassword" | "queryComponent" | "fragment";

// net/url shouldEscape: which bytes a URL component must percent-encode.
function shouldEscape(c: string, mode: Encoding): boolean {
    if (/[A-Za-z0-9]/.test(c)) return false;
    if ((mode === "host" || mode === "zone") && "!$&'()*+,;=:[]<>\"".includes(c)) return false;
    if ("-_.~".includes(c)) return false;
    if ("$&+,/:;=?@".includes(c)) {
        switch (mode) {
            case "path":
                return c === "?";
            case "userPassword":
                return "@/?:".includes(c);
            case "queryComponent":
                return true;
            case "fragment":
                return false;
            default:
                break;
        }
    }
    if (mode === "fragment" && "!()*".includes(c)) return false;
    return true;
}

// net/url unescape: decodes %XX (as UTF-8) and validates hosts.
function unescape(s: string, mode: Encoding): string {
    const bytes: number[] = [];
    const enc = new TextEncoder();
    for (let i = 0; i < s.length; ) {
        const c = s[i];
        if (c === "%") {
            if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
                throw new Error(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
            }
            // RFC 3986: in a host, %-encoding is only for non-ASCII bytes (and %25 for zones).
            if (mode === "host" && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== "%25") {
                throw new Error(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
            }
            bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
            i += 3;
            continue;
        }
        if ((mode === "host" || mode === "zone") && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode)) {
            throw new Error(`invalid character ${JSON.stringify(c)} in host name`);
        }
        if (c === "+" && mode === "queryComponent") bytes.push(0x20);
        else bytes.push(...enc.encode(c));
        i++;
    }
    return Buffer.from(bytes).toString("utf8");
}

function escape(s: string, mode: Encoding): string {
    let out = "";
    for (const b of Buffer.from(s, "utf8")) {
        const c = String.fromCharCode(b);
        out += b < 0x80 && !shouldEscape(c, mode) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
}

function validOptionalPort(port: string): boolean {
    return port === "" || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
    if (host.startsWith("[")) {
        const close = host.lastIndexOf("]");
        if (close < 0) throw new Error("missing ']' in host");
        const colonPort = host.slice(close + 1);
        if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${JSON.stringify(colonPort)} after host`);
        // RFC 6874: an IPv6 zone is introduced by "%25".
        const literal = host.slice(1, close);
        const zone = literal.indexOf("%25");
        const ipText = zone >= 0 ? literal.slice(0, zone) : literal;
        try {
            if (!ipText.includes(":")) throw new Error("not an IPv6 address");
            parseIPv6(ipText);
        } catch (e) {
            throw new Error(`invalid IP-literal ${JSON.stringify(literal)}: ${(e as Error).message}`);
        }
        return `[${ipText}${zone >= 0 ? unescape(literal.slice(zone), "zone") : ""}]${colonPort}`;
    }
    const colon = host.lastIndexOf(":");
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) {
        throw new Error(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
    }
    return unescape(host, "host");
}

function getScheme(raw: string): [scheme: string, rest: string] {
    for (let i = 0; i < raw.length; i++) {
        const c = raw[i];
        if (/[A-Za-z]/.test(c)) continue;
        if (/[0-9+\-.]/.test(c)) {
            if (i === 0) return ["", raw];
            continue;
        }
        if (c === ":") {
            if (i === 0) throw new Error("missing protocol scheme");
            return [raw.slice(0, i), raw.slice(i + 1)];
        }
        return ["", raw];
    }
    return ["", raw];
}

// net/url parse(rawURL, viaRequest); fragments are not special here.
function parseGo(raw: string, viaRequest: boolean): GoURL {
    if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error("net/url: invalid control character in URL");
    if (raw === "" && viaRequest) throw new Error("empty url");
    const u: GoURL = { scheme: "", opaque: "", host: "", path: "", rawPath: "", rawQuery: "" };
    if (raw === "*") return { ...u, path: "*" };
    let [scheme, rest] = getScheme(raw);
    u.scheme = scheme.toLowerCase();
    if (rest.endsWith("?") && rest.split("?").length === 2) {
        rest = rest.slice(0, -1);
    } else {
        const q = rest.indexOf("?");
        if (q >= 0) {
            u.rawQuery = rest.slice(q + 1);
            rest = rest.slice(0, q);
        }
    }
    if (!rest.startsWith("/")) {
        if (u.scheme !== "") return { ...u, opaque: rest };
        if (viaRequest) throw new Error("invalid URI for request");
        const firstSegment = rest.split("/")[0];
        if (firstSegment.includes(":")) throw new Error("first path segment in URL cannot contain colon");
    }
    if ((u.scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
        let authority = rest.slice(2);
        rest = "";
        const slash = authority.indexOf("/");
        if (slash >= 0) {
            rest = authority.slice(slash);
            authority = authority.slice(0, slash);
        }
        const at = authority.lastIndexOf("@");
        u.host = parseHost(authority.slice(at + 1));
        if (at >= 0) {
            const userinfo = authority.slice(0, at);
            if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new Error("net/url: invalid userinfo");
            unescape(userinfo, "userPassword");
        }
    }
    u.path = unescape(rest, "path");
    u.rawPath = escape(u.path, "path") === rest ? "" : rest;
    return u;
}

/**
 * Kubernetes url(): url.ParseRequestURI must accept the string (absolute
 * URL or absolute path), then url.Parse gives the parts (fragment split off).
 */
export function parseURL(raw: string): GoURL {
    try {
        parseGo(raw, true);
        const hash = raw.indexOf("#");
        const u = parseGo(hash >= 0 ? raw.slice(0, hash) : raw, false);
        if (hash >= 0) unescape(raw.slice(hash + 1), "fragment");
        return u;
    } catch (e) {
        throw new Error(`URL parse error during conversion from string: parse ${JSON.stringify(raw)}: ${(e as Error).message}`);
    }
}

/** Kubernetes isURL(): url.ParseRequestURI succeeds. */
export function isURL(raw: string): boolean {
    try {
        parseGo(raw, true);
        return true;
    } catch {
        return false;
    }
}

function splitHostPort(hostPort: string): [host: string, port: string] {
    let host = hostPort;
    let port = "";
    const colon = host.lastIndexOf(":");
    if (colon >= 0 && validOptionalPort(host.slice(colon))) {
        port = host.slice(colon + 1);
        host = host.slice(0, colon);
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
    return [host, port];
}

export const urlHostname = (u: GoURL): string => splitHostPort(u.host)[0];
export const urlPort = (u: GoURL): string => splitHostPort(u.host)[1];

/** Go's URL.EscapedPath: the original encoding when it is a valid one. */
export function urlEscapedPath(u: GoURL): string {
    if (u.rawPath !== "" && validEncoded(u.rawPath) && unescapeOrNull(u.rawPath) === u.path) return u.rawPath;
    if (u.path === "*") return "*";
    return escape(u.path, "path");
}

function validEncoded(s: string): boolean {
    return [...s].every((c) => "!$&'()*+,;=:@[]%".includes(c) || !shouldEscape(c, "path"));
}

function unescapeOrNull(s: string): string | null {
    try {
        return unescape(s, "path");
    } catch {
        return null;
    }
}

/** Go's url.ParseQuery, skipping malformed pairs as URL.Query() does. */
export function urlQuery(u: GoURL): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const pair of u.rawQuery.split("&")) {
        if (pair === "" || pair.includes(";")) continue;
        const eq = pair.indexOf("=");
        const [k, v] = eq >= 0 ? [pair.slice(0, eq), pair.slice(eq + 1)] : [pair, ""];
        let key: string;
        let value: string;
        try {
            key = unescape(k, "queryComponent");
            value = unescape(v, "queryComponent");
        } catch {
            continue;
        }
        out.set(key, [...(out.get(key) ?? []), value]);
    }
    return out;
}
