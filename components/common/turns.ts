/**
 * How many items a program declares before it lets the Pulumi SDK register them.
 *
 * The SDK does a resource's work (dependencies, serialization, the registration call) in promise
 * callbacks, which wait until the code declaring resources returns. Declared all at once, thousands
 * of resources wait together and everything they hold lives at once: the garbage collector copies
 * it over and over. Ten items per turn (a service's two rules, or one policy) keep that small.
 */
export const ITEMS_PER_TURN = 10;

/** Resolves on the event loop's next turn, after the promise callbacks already queued have run. */
export function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `each` for every item in order, waiting a turn (nextTurn) after every `perTurn` of them. */
export async function inTurns<T>(items: Iterable<T>, each: (item: T) => void, perTurn = ITEMS_PER_TURN): Promise<void> {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError(`perTurn ${perTurn}: expected a positive integer`);
    let inThisTurn = 0;
    for (const item of items) {
        if (inThisTurn === perTurn) {
            await nextTurn();
            inThisTurn = 0;
        }
        each(item);
        inThisTurn++;
    }
}
