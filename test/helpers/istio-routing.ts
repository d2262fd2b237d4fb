/**
 * Which route of a VirtualService an HTTP request takes: the first `http`
 * entry with a matching `match` (or none), as Istio evaluates them. Knows
 * header and URI StringMatches (exact, prefix, regex); throws on anything else.
 */

type StringMatch = { exact?: string; prefix?: string; regex?: string };

export interface HttpRoute {
    name?: string;
    match?: Array<{ headers?: Record<string, StringMatch>; uri?: StringMatch; [other: string]: unknown }>;
    route: Array<{ destination: { host: string; subset?: string }; weight?: number }>;
}

export interface RoutedRequest {
    path: string;
    /** Lower-case header names. */
    headers: Record<string, string>;
}

function stringMatches(m: StringMatch, value: string | undefined): boolean {
    if (value === undefined) return false;
    if (m.exact !== undefined) return value === m.exact;
    if (m.prefix !== undefined) return value.startsWith(m.prefix);
    if (m.regex !== undefined) return new RegExp(`^(?:${m.regex})$`).test(value);
    throw new Error(`the model does not know the match ${JSON.stringify(m)}`);
}

/** The route taken; fails when none matches (Istio answers 404). */
export function routeFor(http: HttpRoute[], request: RoutedRequest): HttpRoute {
    const found = http.find((route) => route.match === undefined || route.match.some((m) => {
        const unknown = Object.keys(m).filter((k) => k !== "headers" && k !== "uri");
        if (unknown.length > 0) throw new Error(`the model does not know ${unknown.join(", ")}`);
        return Object.entries(m.headers ?? {}).every(([name, sm]) => stringMatches(sm, request.headers[name]))
            && (m.uri === undefined || stringMatches(m.uri, request.path));
    }));
    if (!found) throw new Error(`no route matches ${JSON.stringify(request)}`);
    return found;
}
