#!/usr/bin/env node
// Runs the TypeScript CLI in this one process (tsx's ESM loader), so `npx leadcard …` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
