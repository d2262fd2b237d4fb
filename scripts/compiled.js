#!/usr/bin/env node
"use strict";
/**
 * Builds the sources into bin/ and runs the scripts from there.
 *
 *   node scripts/compiled.js --build            tsc -p tsconfig.build.json, then marks bin/ built
 *   node scripts/compiled.js <script> [args]    scripts/<script>.ts as bin/scripts/<script>.js
 *
 * A script runs compiled only when no source changed since the last build started; otherwise it runs
 * through ts-node, so an edit not yet built never runs as old code. Transpiling the sources on every
 * run cost about 3 s of a 6 s render. The mark is a file of its own: tsc leaves an output untouched
 * when its source's content did not change, so outputs' times cannot tell. Plain JavaScript: it runs
 * before anything is compiled.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MARK = path.join(ROOT, "bin", ".built");
const BUILD_CONFIG = path.join(ROOT, "tsconfig.build.json");
// What the build compiles into bin/: the top of each of tsconfig.build.json's include patterns.
const SOURCES = [...new Set(JSON.parse(fs.readFileSync(BUILD_CONFIG, "utf8")).include.map((pattern) => pattern.split("/")[0]))];
const SKIP = new Set(["node_modules", "bin"]);

/** Whether a TypeScript source under `entry` changed after `since` (ms). */
function changedSince(entry, since) {
    const file = path.join(ROOT, entry);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return false;
    if (stat.isDirectory()) return fs.readdirSync(file).some((child) => !SKIP.has(child) && changedSince(path.join(entry, child), since));
    return entry.endsWith(".ts") && stat.mtimeMs > since;
}

function build() {
    const started = new Date();
    const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", BUILD_CONFIG], { stdio: "inherit" });
    if (tsc.status !== 0) return tsc.status ?? 1;
    // Dated when the build started: a source saved while tsc ran counts as changed.
    fs.writeFileSync(MARK, "bin/ was built from the sources as they were at this file's time (scripts/compiled.js)\n");
    fs.utimesSync(MARK, started, started);
    return 0;
}

function run(name, args) {
    if (!name || !fs.existsSync(path.join(ROOT, "scripts", `${name}.ts`))) {
        console.error(`usage: node scripts/compiled.js --build | <script> [args]: no scripts/${name ?? ""}.ts`);
        return 2;
    }
    const built = fs.statSync(MARK, { throwIfNoEntry: false });
    const compiled = built !== undefined && !SOURCES.some((entry) => changedSince(entry, built.mtimeMs));
    const entry = compiled
        ? [path.join(ROOT, "bin", "scripts", `${name}.js`)]
        : ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts", `${name}.ts`)];
    return spawnSync(process.execPath, [...entry, ...args], { stdio: "inherit" }).status ?? 1;
}

const [first, ...rest] = process.argv.slice(2);
process.exit(first === "--build" ? build() : run(first, rest));
