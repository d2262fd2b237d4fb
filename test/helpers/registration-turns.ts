import { Registered } from "../../scripts/mock-program";

/**
 * The event-loop turns (counted by a setImmediate ticker) in which the mock
 * engine got the registrations `counts` picks, while `run` runs a program with
 * the given registrations array (runProgram's `resources`).
 */
export async function registrationTurns(run: (resources: Registered[]) => Promise<unknown>,
    counts: (r: Registered) => boolean): Promise<Set<number>> {
    let turn = 0;
    let ticking = true;
    const tick = () => setImmediate(() => { turn++; if (ticking) tick(); });
    const turns = new Set<number>();
    const resources: Registered[] = [];
    resources.push = (...items: Registered[]) => {
        if (items.some(counts)) turns.add(turn);
        return Array.prototype.push.apply(resources, items);
    };
    tick();
    try {
        await run(resources);
    } finally {
        ticking = false;
    }
    return turns;
}
