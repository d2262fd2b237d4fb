import * as assert from "assert";
import { inTurns, nextTurn } from "../components/common/turns";
import { countingTurns } from "./helpers/turn-counter";

describe("inTurns (declaring resources a few per event-loop turn)", () => {
    // Each item is tagged with how many turns had passed when `each` saw it.
    const turnsSeen = (count: number, perTurn?: number): Promise<number[]> => countingTurns(async (turn) => {
        const seen: number[] = [];
        await inTurns(Array.from({ length: count }, (_, i) => i), () => seen.push(turn()), perTurn);
        return seen;
    });

    it("calls each item once, in order, perTurn of them before each wait", async () => {
        const order: number[] = [];
        await inTurns([3, 1, 2, 5, 4], (i) => order.push(i), 2);
        assert.deepStrictEqual(order, [3, 1, 2, 5, 4]);
        const seen = await turnsSeen(7, 3);
        assert.deepStrictEqual(seen.map((t) => t - seen[0]), [0, 0, 0, 1, 1, 1, 2]);
    });

    it("lets the promise callbacks queued by one turn's items run before the next turn's items", async () => {
        const log: string[] = [];
        await inTurns(["a", "b", "c"], (item) => {
            log.push(`declare ${item}`);
            void Promise.resolve().then(() => log.push(`register ${item}`));
        }, 2);
        await nextTurn();
        assert.deepStrictEqual(log, ["declare a", "declare b", "register a", "register b", "declare c", "register c"]);
    });

    it("declares ten items per turn by default and waits no turn for ten or fewer", async () => {
        const seen = await turnsSeen(21);
        assert.deepStrictEqual([...new Set(seen.map((t) => t - seen[0]))], [0, 1, 2]);
        assert.strictEqual(seen.filter((t) => t === seen[0]).length, 10);
        const few = await turnsSeen(10);
        assert.ok(few.every((t) => t === few[0]));
    });

    it("refuses a perTurn that is not a positive integer", async () => {
        for (const perTurn of [0, -1, 1.5, Number.NaN]) {
            await assert.rejects(inTurns([1], () => undefined, perTurn), /perTurn .*: expected a positive integer/);
        }
    });
});
