#!/usr/bin/env node
// Parse benchmark: ours vs modesl vs esl-lite.
//   node bench/esl/run.mjs [--events 200000] [--repeats 3] [--datasets capture,generated]
//                          [--libraries ours,modesl,esl-lite] [--levels parser,client] [--no-write]
import { bundleAndRun } from './bundle-and-run.mjs';

await bundleAndRun('parse.bench.ts');
