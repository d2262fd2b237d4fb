import { Registered } from "../../scripts/mock-program";

/**
 * Counts the event loop's turns (a setImmediate ticker) while `during` runs:
 * `during` gets a function reading the current turn.
 */
export async function countingTurns<T>(during: (turn: () => number) => Promise<T>): Promise<T> {
    let turn = 0;
    let ticking = true;
    const tick = () => setImmediate(() => { turn++; if (ticking) tick(); });
    tick();
    try {
        return await during(() => turn);
    } finally {
        ticking = false;
    }
}

/**
 * The turns in which the mock engine got the registrations `counts` picks,
 * while `run` runs a program with the given registrations array (runProgram's `resources`).
 */
export function registrationTurns(run: (resources: Registered[]) => Promise<unknown>,
    counts: (r: Registered) => boolean): Promise<Set<number>> {
    return countingTurns(async (turn) => {
        const turns = new Set<number>();
        const resources: Registered[] = [];
        resources.push = (...items: Registered[]) => {
            if (items.some(counts)) turns.add(turn());
            return Array.prototype.push.apply(resources, items);
        };
        await run(resources);
        return turns;
    });
}
