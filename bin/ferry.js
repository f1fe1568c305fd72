#!/usr/bin/env node
// Entry point for the `ferry` command: runs the TypeScript CLI through tsx so
// that `npx ferry …` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
