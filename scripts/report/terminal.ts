import { inspect } from "util";
import wrapAnsi = require("wrap-ansi");
import type { TableFit } from "../../policies/runner/table";

/**
 * How the table report meets where it goes: a terminal gets lines wrapped to
 * its width and the enforcement column in colour (red mandatory, yellow
 * advisory); a pipe, a file or a CI log gets plain, unwrapped text.
 */

export interface Terminal {
    /** The terminal's width in columns; undefined when not writing to one. */
    columns?: number;
    colour: boolean;
}

export const PLAIN: Terminal = { colour: false };

/** What a stream is: a TTY's width, and colour when it supports it (hasColors honours NO_COLOR and FORCE_COLOR). */
export function terminalOf(stream: NodeJS.WriteStream): Terminal {
    if (!stream.isTTY) return PLAIN;
    return { columns: stream.columns, colour: stream.hasColors?.() ?? false };
}

// Node's own SGR codes; util.styleText would decide about colour itself, and terminalOf already has.
function paint(style: keyof typeof inspect.colors, text: string): string {
    const [open, close] = inspect.colors[style]!;
    return `\u001b[${open}m${text}\u001b[${close}m`;
}

const COLOURS: Record<string, keyof typeof inspect.colors> = { mandatory: "red", advisory: "yellow", remediated: "cyan" };
const ENFORCEMENT_COLUMN = 2;

export function tableFit(terminal: Terminal): TableFit {
    return {
        width: terminal.columns,
        wrap: (text, columns) => wrapAnsi(text, columns, { hard: true }),
        style: terminal.colour
            ? (cell, column, row) => {
                if (row < 0) return paint("bold", cell);
                const colour = column === ENFORCEMENT_COLUMN ? COLOURS[cell.trim()] : undefined;
                return colour ? paint(colour, cell) : cell;
            }
            : undefined,
    };
}
