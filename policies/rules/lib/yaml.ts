import { parse } from "yaml";

/** YAML text from a rendered ConfigMap as data; text that does not parse cannot be judged, so it is no data. */
export function readYaml(text: string): unknown {
    try {
        return parse(text);
    } catch {
        return undefined;
    }
}
