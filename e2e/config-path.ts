/**
 * Config keys as `pulumi config set --path` and `pulumi config rm --path` read
 * them: `istio-mesh:a.b[0].c`, where `[i]` indexes a list.
 */

type Segment = string | number;

function segments(key: string): Segment[] {
    const [top, ...rest] = key.split(".");
    const out: Segment[] = [top];
    for (const part of rest) {
        const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
        if (!m) throw new Error(`config path ${key}: cannot read ${part}`);
        out.push(m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map((i) => Number(i[1])));
    }
    return out;
}

function update(node: unknown, [head, ...tail]: Segment[], change: (old: unknown) => unknown | typeof REMOVE): unknown {
    if (typeof head === "number") {
        const list = Array.isArray(node) ? [...node] : [];
        const value = tail.length === 0 ? change(list[head]) : update(list[head], tail, change);
        if (value === REMOVE) list.splice(head, 1);
        else list[head] = value;
        return list;
    }
    const obj = node !== null && typeof node === "object" && !Array.isArray(node) ? { ...node as Record<string, unknown> } : {};
    const value = tail.length === 0 ? change(obj[head]) : update(obj[head], tail, change);
    if (value === REMOVE) delete obj[head];
    else obj[head] = value;
    return obj;
}

const REMOVE = Symbol("remove");

/** Sets `a.b[0].c` under a config key as `pulumi config set --path istio-mesh:a.b[0].c` does. */
export function setPath(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
    return update(config, segments(key), () => value) as Record<string, unknown>;
}

/** Removes what `pulumi config rm --path` removes; a removed list item closes the gap. */
export function removePath(config: Record<string, unknown>, key: string): Record<string, unknown> {
    return update(config, segments(key), () => REMOVE) as Record<string, unknown>;
}
