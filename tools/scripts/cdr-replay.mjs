#!/usr/bin/env node
// `npm run cdr:replay <dir>`: posts the CDRs FreeSWITCH's mod_json_cdr could not deliver (its err-log-dir, or its
// log-dir) back to the API. mod_json_cdr names each file `[a_]<leg uuid>.cdr.json` and writes the document as it
// would have posted it: raw JSON (encode=false), URL-encoded JSON (encode=true) or base64 (encode=base64), then a
// newline. The API merges a CDR it already has without change, so replaying a file twice is harmless.
//
//   npm run cdr:replay -- <dir> [--url http://127.0.0.1:3000/freeswitch/cdr] [--delete]
//
// Credentials: FREESWITCH_HTTP_USER / FREESWITCH_HTTP_PASSWORD, as the API is configured. Exit 0 when every file was
// stored, 1 when some were refused (4xx: never storable as they are), failed (no answer or 5xx: try again later) or
// unreadable, 2 on bad usage.
import { readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = /^(?:a_)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.cdr\.json$/i;
const CONCURRENCY = 4;

function usage(message) {
  console.error(`cdr:replay: ${message}\nusage: npm run cdr:replay -- <dir> [--url <cdr endpoint>] [--delete]`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { dir: undefined, url: undefined, remove: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--url') options.url = argv[++i];
    else if (arg === '--delete') options.remove = true;
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (options.dir === undefined) options.dir = arg;
    else usage(`one directory only (got ${options.dir} and ${arg})`);
  }
  if (!options.dir) usage('which directory?');
  const port = process.env.PORT ?? '3000';
  options.url ??= process.env.SWITCHBOARD_CDR_URL ?? `http://127.0.0.1:${port}/freeswitch/cdr`;
  return options;
}

/** Every spool file under `dir` (mod_json_cdr's `rotate` puts them in dated subfolders). */
async function spoolFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const match = FILE.exec(entry.name);
    if (match) found.push({ path: join(entry.parentPath ?? entry.path, entry.name), uuid: match[1].toLowerCase() });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** The JSON text of a spool file, whichever `encode` FreeSWITCH used; undefined when it is none of them. */
function decodeSpooled(text) {
  const trimmed = text.trim();
  const candidates = [trimmed];
  if (/^%7b/i.test(trimmed)) candidates.push(safely(() => decodeURIComponent(trimmed.replace(/\+/g, '%20'))));
  if (/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) candidates.push(Buffer.from(trimmed, 'base64').toString('utf8'));
  for (const candidate of candidates) {
    if (candidate === undefined || !candidate.startsWith('{')) continue;
    try {
      JSON.parse(candidate);
      return candidate;
    } catch {
      // Not this encoding; try the next one.
    }
  }
  return undefined;
}

function safely(decode) {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

async function replay(file, target, authorization) {
  const json = decodeSpooled(await readFile(file.path, 'utf8'));
  if (json === undefined) return { kind: 'unreadable', detail: 'not a JSON CDR in any mod_json_cdr encoding' };
  const url = new URL(target);
  url.searchParams.set('uuid', file.uuid);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'switchboard-cdr-replay', ...authorization },
      body: json,
    });
    const body = await response.text();
    if (response.ok) return { kind: 'stored' };
    return { kind: response.status < 500 ? 'refused' : 'failed', detail: `${response.status} ${body.slice(0, 200)}` };
  } catch (error) {
    // Refused, reset or unreachable: the API is not there; the file stays for the next run.
    return { kind: 'failed', detail: error.cause?.code ?? error.message };
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const files = await spoolFiles(options.dir).catch((error) => usage(`cannot read ${options.dir}: ${error.message}`));
  const user = process.env.FREESWITCH_HTTP_USER;
  const authorization = user
    ? {
        authorization: `Basic ${Buffer.from(`${user}:${process.env.FREESWITCH_HTTP_PASSWORD ?? ''}`).toString('base64')}`,
      }
    : {};
  const counts = { stored: 0, refused: 0, failed: 0, unreadable: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const outcome = await replay(file, options.url, authorization);
      counts[outcome.kind]++;
      if (outcome.kind !== 'stored') console.error(`${outcome.kind}: ${file.path}: ${outcome.detail}`);
      else if (options.remove) await unlink(file.path);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log(
    `cdr:replay: ${files.length} files, ${counts.stored} stored, ${counts.refused} refused, ` +
      `${counts.failed} failed, ${counts.unreadable} unreadable (${options.url})`,
  );
  process.exit(counts.stored === files.length ? 0 : 1);
}

await main();
