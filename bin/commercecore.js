#!/usr/bin/env node
// Runs the compiled CLI (dist/cli.js), compiling src/ first if it changed since the last build
// (scripts/build.js), so `npm install` stays the only install step and dist/ is never stale.
import { setFlagsFromString } from 'node:v8'
import { pathToFileURL } from 'node:url'
import { ensureBuilt } from '../scripts/build.js'

// V8's young generation otherwise grows to 2 × 16 MiB during start-up (schema compilation
// allocates in bursts) and never gives it back: ~25 MiB of an idle server's RSS. Kept at its
// initial size, measured in bench/startup.ts. (Read by V8 at each growth, so it applies here.)
// A young-generation flag given to node (command line or NODE_OPTIONS) is left alone.
const youngGenerationFlag = /--(max-semi-space-size|semi-space-growth-factor)\b/
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => youngGenerationFlag.test(arg))) setFlagsFromString('--semi-space-growth-factor=1')
await import(pathToFileURL(await ensureBuilt()).href)
