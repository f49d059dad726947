#!/usr/bin/env node
// The loopdesk command: runs the server's sources bundled by ./bundle.mjs (rebuilt when stale).
// NODE_OPTIONS=--enable-source-maps maps stack traces back to the TypeScript sources.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.mjs';

// Node 22+ keeps compiled code between starts (absent on Node 20, where this does nothing).
module.enableCompileCache?.();

const { main } = await import(pathToFileURL(await ensureBundle()).href);
process.exitCode = await main(process.argv.slice(2));
