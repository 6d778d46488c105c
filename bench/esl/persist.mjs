#!/usr/bin/env node
// Persist benchmark: node bench/esl/persist.mjs [--events=100000] [--no-write]
// Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL.
import { bundleAndRun } from './bundle-and-run.mjs';

await bundleAndRun('persist.bench.ts');
