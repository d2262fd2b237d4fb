// The Kubernetes CEL environment on top of @bufbuild/cel: the library
// functions the API server adds to CEL (https://kubernetes.io/docs/reference/using-api/cel/)
// and Go-faithful replacements for std conversions that JavaScript parses
// too leniently. Only what @bufbuild/cel lacks is defined here.
import {
    celEnv,
    celFunc,
    celMethod,
    celType,
    celUint,
    CelScalar,
    isCelError,
    listType,
    objectType,
    type CelEnv,
    type CelFunc,
    type CelList,
    type CelValue,
} from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
// @bufbuild/protobuf is @bufbuild/cel's peer dependency (its value model);
// it gives the opaque URL/IP/CIDR types a CEL type name of their own.
import { create, createFileRegistry, type DescMessage, type Registry } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { DurationSchema, FieldDescriptorProto_Label, FieldDescriptorProto_Type, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import * as net from "./k8s-net";

const { BOOL, DYN, INT, STRING, UINT, DOUBLE } = CelScalar;
const LIST = listType(DYN);

// ------------------------------------------------------------ opaque types

function opaqueTypesFile(pkg: string, names: string[]) {
    return create(FileDescriptorProtoSchema, {
        name: `k8s-cel/${pkg}.proto`,
        package: pkg,
        syntax: "proto3",
        messageType: names.map((name) => ({
            name,
            field: [{ name: "value", jsonName: "value", number: 1, type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL }],
        })),
    });
}

/** Registry of the opaque types; pass it to celEnv so values round-trip. */
export const k8sCelRegistry: Registry = createFileRegistry(
    createFileRegistry(opaqueTypesFile("net", ["IP", "CIDR"]), () => undefined),
    createFileRegistry(opaqueTypesFile("kubernetes", ["URL"]), () => undefined),
);

function messageDesc(typeName: string): DescMessage {
    const desc = k8sCelRegistry.getMessage(typeName);
    if (desc === undefined) throw new Error(`internal: ${typeName} not registered`);
    return desc;
}

// Type names as the API server declares them (cel.OpaqueType(...)).
const IP_DESC = messageDesc("net.IP");
const CIDR_DESC = messageDesc("net.CIDR");
const URL_DESC = messageDesc("kubernetes.URL");
export const IP_TYPE = objectType(IP_DESC);
export const CIDR_TYPE = objectType(CIDR_DESC);
export const URL_TYPE = objectType(URL_DESC);

/** Opaque values carry their canonical text, so CEL equality compares values. */
function opaque(desc: DescMessage, text: string): ReflectMessage {
    const msg = reflect(desc);
    msg.set(desc.fields[0], text);
    return msg;
}

function opaqueText(v: ReflectMessage): string {
    const text = v.get(v.desc.fields[0]);
    if (typeof text !== "string") throw new Error(`internal: malformed ${v.desc.typeName}`);
    return text;
}

const ipValue = (ip: net.IPAddr): ReflectMessage => opaque(IP_DESC, net.formatIP(ip));
const cidrValue = (p: net.IPPrefix): ReflectMessage => opaque(CIDR_DESC, net.formatCIDR(p));
const ipOf = (v: ReflectMessage): net.IPAddr => net.parseIP(opaqueText(v));
const cidrOf = (v: ReflectMessage): net.IPPrefix => net.parseCIDR(opaqueText(v));
const urlOf = (v: ReflectMessage): net.GoURL => net.parseURL(opaqueText(v));

// --------------------------------------------------------- std re-dispatch

// The list and set libraries compare elements with CEL's own == and <
// (cross-numeric, durations, ...) by calling the std overloads.
const stdFuncs = celEnv().funcs;

function callStd(name: string, args: CelValue[]): CelValue {
    const result = stdFuncs.find(name)?.call(0, undefined, args);
    if (result === undefined) throw new Error(`no such overload: ${name}(${args.map((a) => celType(a).toString()).join(", ")})`);
    if (isCelError(result)) throw result;
    return result;
}

const celEquals = (a: CelValue, b: CelValue): boolean => callStd("_==_", [a, b]) === true;
const celLess = (a: CelValue, b: CelValue): boolean => callStd("_<_", [a, b]) === true;

function listItems(list: CelList): CelValue[] {
    return [...list];
}

function extreme(list: CelList, name: "min" | "max"): CelValue {
    const items = listItems(list);
    if (items.length === 0) throw new Error(`${name}(list) argument must not be empty`);
    return items.reduce((best, x) => ((name === "min" ? celLess(x, best) : celLess(best, x)) ? x : best));
}

const containsAll = (a: CelList, b: CelList): boolean => listItems(b).every((x) => listItems(a).some((y) => celEquals(x, y)));

// ------------------------------------------------------ Go number parsing

// strconv.ParseInt/ParseUint base 10: no whitespace, no 0x, no empty string
// (JavaScript's BigInt() accepts all three).
function parseGoInt(s: string, unsigned: boolean): bigint {
    if (!(unsigned ? /^\+?[0-9]+$/ : /^[+-]?[0-9]+$/).test(s)) throw new Error(`cannot convert ${JSON.stringify(s)} to ${unsigned ? "uint" : "int"}`);
    const v = BigInt(s);
    const [lo, hi] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
    if (v < lo || v > hi) throw new Error(`${unsigned ? "uint" : "int"} conversion of ${JSON.stringify(s)} out of range`);
    return v;
}

// strconv.ParseFloat(s, 64) decimal forms (Number() also takes "", " 1", "0x10").
function parseGoFloat(s: string): number {
    if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    if (/^nan$/i.test(s)) return NaN;
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) throw new Error(`cannot convert ${JSON.stringify(s)} to double`);
    return Number(s);
}

const DURATION_UNITS: Record<string, bigint> = {
    ns: 1n,
    us: 1_000n,
    "\u00b5s": 1_000n,
    "\u03bcs": 1_000n,
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration, which CEL's duration() uses; returns nanoseconds. */
export function parseGoDuration(orig: string): bigint {
    const invalid = (): never => {
        throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
    };
    let s = orig;
    const neg = s.startsWith("-");
    if (s.startsWith("-") || s.startsWith("+")) s = s.slice(1);
    if (s === "0") return 0n;
    if (s === "") invalid();
    let total = 0n;
    while (s !== "") {
        const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s);
        const whole = m?.[1] ?? "";
        const frac = m?.[2];
        if (whole === "" && (frac === undefined || frac === "")) invalid();
        s = s.slice(m?.[0].length ?? 0);
        const unitText = /^[^0-9.]*/.exec(s)?.[0] ?? "";
        if (unitText === "") throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
        const unit = DURATION_UNITS[unitText];
        if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(orig)}`);
        s = s.slice(unitText.length);
        total += BigInt(whole === "" ? "0" : whole) * unit;
        if (frac) total += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
        if (total > 2n ** 63n - (neg ? 0n : 1n)) invalid();
    }
    return neg ? -total : total;
}

export function durationMessage(nanos: bigint) {
    return create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) });
}

// ------------------------------------------------------------- functions

const urlFunctions: CelFunc[] = [
    celFunc("url", [STRING], URL_TYPE, (s) => {
        net.parseURL(s);
        return opaque(URL_DESC, s);
    }),
    celFunc("isURL", [STRING], BOOL, net.isURL),
    celMethod("getScheme", URL_TYPE, [], STRING, function () {
        return urlOf(this).scheme;
    }),
    celMethod("getHost", URL_TYPE, [], STRING, function () {
        return urlOf(this).host;
    }),
    celMethod("getHostname", URL_TYPE, [], STRING, function () {
        return net.urlHostname(urlOf(this));
    }),
    celMethod("getPort", URL_TYPE, [], STRING, function () {
        return net.urlPort(urlOf(this));
    }),
    celMethod("getEscapedPath", URL_TYPE, [], STRING, function () {
        return net.urlEscapedPath(urlOf(this));
    }),
    celMethod("getQuery", URL_TYPE, [], DYN, function () {
        return net.urlQuery(urlOf(this));
    }),
];

function ipPredicate(name: string, test: (ip: net.IPAddr) => boolean): CelFunc {
    return celMethod(name, IP_TYPE, [], BOOL, function () {
        return test(ipOf(this));
    });
}

function succeeds(parse: (s: string) => unknown): (s: string) => boolean {
    return (s) => {
        try {
            parse(s);
            return true;
        } catch {
            return false;
        }
    };
}

const ipFunctions: CelFunc[] = [
    celFunc("isIP", [STRING], BOOL, succeeds(net.parseIP)),
    celFunc("ip", [STRING], IP_TYPE, (s) => ipValue(net.parseIP(s))),
    celFunc("ip.isCanonical", [STRING], BOOL, (s) => net.formatIP(net.parseIP(s)) === s),
    celFunc("string", [IP_TYPE], STRING, (v) => opaqueText(v)),
    celMethod("family", IP_TYPE, [], INT, function () {
        return BigInt(net.ipFamily(ipOf(this)));
    }),
    ipPredicate("isUnspecified", net.isUnspecified),
    ipPredicate("isLoopback", net.isLoopback),
    ipPredicate("isLinkLocalMulticast", net.isLinkLocalMulticast),
    ipPredicate("isLinkLocalUnicast", net.isLinkLocalUnicast),
    ipPredicate("isGlobalUnicast", net.isGlobalUnicast),
];

const cidrFunctions: CelFunc[] = [
    celFunc("isCIDR", [STRING], BOOL, succeeds(net.parseCIDR)),
    celFunc("cidr", [STRING], CIDR_TYPE, (s) => cidrValue(net.parseCIDR(s))),
    celFunc("string", [CIDR_TYPE], STRING, (v) => opaqueText(v)),
    celMethod("containsIP", CIDR_TYPE, [STRING], BOOL, function (s) {
        return net.cidrContainsIP(cidrOf(this), net.parseIP(s));
    }),
    celMethod("containsIP", CIDR_TYPE, [IP_TYPE], BOOL, function (ip) {
        return net.cidrContainsIP(cidrOf(this), ipOf(ip));
    }),
    celMethod("containsCIDR", CIDR_TYPE, [STRING], BOOL, function (s) {
        return net.cidrContainsCIDR(cidrOf(this), net.parseCIDR(s));
    }),
    celMethod("containsCIDR", CIDR_TYPE, [CIDR_TYPE], BOOL, function (other) {
        return net.cidrContainsCIDR(cidrOf(this), cidrOf(other));
    }),
    celMethod("ip", CIDR_TYPE, [], IP_TYPE, function () {
        return ipValue(cidrOf(this).addr);
    }),
    celMethod("masked", CIDR_TYPE, [], CIDR_TYPE, function () {
        return cidrValue(net.maskedCIDR(cidrOf(this)));
    }),
    celMethod("prefixLength", CIDR_TYPE, [], INT, function () {
        return BigInt(cidrOf(this).bits);
    }),
];

const listFunctions: CelFunc[] = [
    celMethod("isSorted", LIST, [], BOOL, function () {
        const items = listItems(this);
        return items.every((x, i) => i === 0 || !celLess(x, items[i - 1]));
    }),
    celMethod("sum", LIST, [], DYN, function () {
        const items = listItems(this);
        return items.length === 0 ? 0n : items.reduce((acc, x) => callStd("_+_", [acc, x]));
    }),
    celMethod("min", LIST, [], DYN, function () {
        return extreme(this, "min");
    }),
    celMethod("max", LIST, [], DYN, function () {
        return extreme(this, "max");
    }),
    celMethod("indexOf", LIST, [DYN], INT, function (x) {
        return BigInt(listItems(this).findIndex((y) => celEquals(x, y)));
    }),
    celMethod("lastIndexOf", LIST, [DYN], INT, function (x) {
        const items = listItems(this);
        let i = items.length - 1;
        while (i >= 0 && !celEquals(x, items[i])) i--;
        return BigInt(i);
    }),
];

const setFunctions: CelFunc[] = [
    celFunc("sets.contains", [LIST, LIST], BOOL, containsAll),
    celFunc("sets.equivalent", [LIST, LIST], BOOL, (a, b) => containsAll(a, b) && containsAll(b, a)),
    celFunc("sets.intersects", [LIST, LIST], BOOL, (a, b) => listItems(b).some((x) => listItems(a).some((y) => celEquals(x, y)))),
];

// Same ids as the std overloads, so these replace them in the resolver.
const goConversions: CelFunc[] = [
    celFunc("int", [STRING], INT, (s) => parseGoInt(s, false)),
    celFunc("uint", [STRING], UINT, (s) => celUint(parseGoInt(s, true))),
    celFunc("double", [STRING], DOUBLE, parseGoFloat),
    celFunc("duration", [STRING], objectType(DurationSchema), (s) => durationMessage(parseGoDuration(s))),
];

/**
 * Everything the Kubernetes CEL environment adds to @bufbuild/cel's std
 * library: cel-go's strings extension, and the Kubernetes url, ip, cidr,
 * lists and sets libraries. Not provided: regex find/findAll, quantity,
 * semver, format, authz, optional types, cel.bind and two-variable
 * comprehensions; rules using them fail to compile, loudly.
 */
export const k8sCelFunctions: readonly CelFunc[] = [
    ...strings,
    ...urlFunctions,
    ...ipFunctions,
    ...cidrFunctions,
    ...listFunctions,
    ...setFunctions,
    ...goConversions,
];

export const CEL_VARIABLES = { self: DYN, oldSelf: DYN } as const;

/** A CEL environment with the Kubernetes libraries and the rule variables self and oldSelf. */
export function createK8sCelEnv(): CelEnv {
    return celEnv({ funcs: [...k8sCelFunctions], registry: k8sCelRegistry, variables: CEL_VARIABLES });
}
