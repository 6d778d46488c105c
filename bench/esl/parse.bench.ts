// ESL parsing benchmark: our parser/client vs modesl and esl-lite on the same byte stream, over loopback TCP.
// Run with `node bench/esl/run.mjs [--events 200000] [--repeats 3] ...` (it bundles this file); see README.md.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ClientResult, type Level, type Library, runClient } from './bench-clients';

interface Dataset {
  readonly name: string;
  readonly description: string;
  readonly unit: Buffer;
  readonly repeat: number;
  readonly events: number;
}

interface Row extends ClientResult {
  readonly dataset: string;
  readonly eventsPerSec: number;
  readonly mbPerSec: number;
  readonly runs: number;
}

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const print = (text: string): void => void process.stdout.write(`${text}\n`);
const bundle = process.argv[1] ?? '';

async function captureDataset(target: number): Promise<Dataset> {
  const { captureEvents } = await import('@switchboard/api/data-access-esl/testing');
  const frames = captureEvents(join(root, 'libs/api/data-access-esl/testing/fixtures/callcenter.esl')).map(({ raw }) => raw);
  const repeat = Math.ceil(target / frames.length);
  return { name: 'capture', description: `callcenter.esl's ${frames.length} event frames ×${repeat}`, unit: Buffer.concat(frames), repeat, events: frames.length * repeat };
}

async function generatedDataset(target: number): Promise<Dataset> {
  const cache = join(root, 'tmp', 'bench-esl', `generated-seed1-${target}.esl`);
  if (!existsSync(cache)) {
    const { encodePlainEvent, generateTraffic, stampEvent } = await import('@switchboard/api/data-access-esl/testing');
    const identity = { coreUuid: '75527a14-18f8-45ad-82f9-9ca7b878bf9c', hostname: 'bench', ipv4: '192.0.2.2' };
    const frames: Buffer[] = [];
    let sequence = 0n;
    for (const event of generateTraffic({ seed: 1, rate: 20 }, target)) frames.push(encodePlainEvent(stampEvent(event, identity, ++sequence, event.timestampUs), event.body));
    mkdirSync(join(root, 'tmp', 'bench-esl'), { recursive: true });
    writeFileSync(cache, Buffer.concat(frames));
  }
  return { name: 'generated', description: `${target} generated contact-center events (seed 1)`, unit: readFileSync(cache), repeat: 1, events: target };
}

/** A loopback FreeSWITCH stand-in: auth/request, `+OK` to auth and event, then the dataset as fast as TCP takes it. */
function serve(dataset: Dataset): Promise<Server> {
  const server = createServer((socket: Socket) => {
    socket.write('Content-Type: auth/request\n\n');
    let pending = '';
    let streaming = false;
    const reply = (text: string): void => void socket.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
    const stream = async (): Promise<void> => {
      if (streaming) return;
      streaming = true;
      for (let round = 0; round < dataset.repeat && !socket.destroyed; round++) {
        for (let offset = 0; offset < dataset.unit.length && !socket.destroyed; offset += 1 << 20) {
          if (!socket.write(dataset.unit.subarray(offset, offset + (1 << 20)))) await new Promise((resolve) => socket.once('drain', resolve));
        }
      }
    };
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let end: number;
      while ((end = pending.indexOf('\n\n')) !== -1 && !streaming) {
        const line = pending.slice(0, end).trim().split('\n')[0] ?? '';
        pending = pending.slice(end + 2);
        if (line.startsWith('auth ')) {
          reply('+OK accepted');
          // A client that never subscribes (esl-lite without listeners) still gets the stream.
          setTimeout(() => void stream(), 300);
        } else if (line.startsWith('event ')) {
          reply(`+OK event listener enabled ${line.split(' ')[1] ?? 'plain'}`);
          void stream();
        } else if (line !== '') reply('+OK');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function runChild(library: Library, level: Level, port: number, expected: number, timeoutMs: number): Promise<ClientResult | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, 'client', library, level, String(port), String(expected), String(timeoutMs - 5_000)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ClientResult);
      else resolve(code === null ? `timed out after ${timeoutMs / 1000} s` : `exit ${code}: ${errors.trim().split('\n').slice(-3).join(' | ')}`);
    });
  });
}

function machine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      // Expected outside a git checkout (a tarball): the numbers are still worth writing down.
      return 'unknown';
    }
  };
  const dirty = git('status', '--porcelain', '--', 'libs/api/data-access-esl', 'bench/esl') !== '' ? ' (+ uncommitted changes in libs/api/data-access-esl, bench/esl)' : '';
  return `nproc ${availableParallelism()}, ${cpu}, Node ${process.version}, commit ${git('rev-parse', '--short', 'HEAD')}${dirty}, load average at the end ${loadavg()[0]?.toFixed(1) ?? '?'}`;
}

function table(rows: readonly Row[], failures: readonly string[]): string {
  const lines = ['| dataset | library | level | events | events/s | MB/s | × modesl | peak RSS MB | peak heap MB | values URL-decoded |', '|---|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const row of rows) {
    const modesl = rows.find((other) => other.dataset === row.dataset && other.level === row.level && other.library === 'modesl');
    const ratio = modesl ? `${(row.eventsPerSec / modesl.eventsPerSec).toFixed(1)}×` : 'n/a';
    const decoded = row.sample === undefined ? 'not decoded at this level' : row.sample.includes('%20') ? `no (${row.sample.slice(0, 24)}…)` : 'yes';
    lines.push(
      `| ${row.dataset} | ${row.library} | ${row.level} | ${row.events} | ${Math.round(row.eventsPerSec).toLocaleString('en-US')} | ${row.mbPerSec.toFixed(0)} | ${ratio} | ${row.peakRssMb.toFixed(0)} | ${row.peakHeapMb.toFixed(0)} | ${decoded} |`,
    );
  }
  return [...lines, ...failures.map((failure) => `\n**Incomplete or failed:** ${failure}`)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      repeats: { type: 'string', default: '3' },
      datasets: { type: 'string', default: 'capture,generated' },
      libraries: { type: 'string', default: 'ours,modesl,esl-lite' },
      levels: { type: 'string', default: 'parser,client' },
      timeout: { type: 'string', default: '300' },
      write: { type: 'boolean', default: true },
      'no-write': { type: 'boolean', default: false },
    },
    args: process.argv.slice(2),
  });
  const target = Number(values.events);
  const repeats = Math.max(1, Number(values.repeats));
  const rows: Row[] = [];
  const failures: string[] = [];
  for (const name of values.datasets.split(',')) {
    const dataset = name === 'capture' ? await captureDataset(target) : await generatedDataset(target);
    const megabytes = (dataset.unit.length * dataset.repeat) / 1024 / 1024;
    print(`dataset ${dataset.name}: ${dataset.description}, ${dataset.events} events, ${megabytes.toFixed(0)} MB`);
    for (const level of values.levels.split(',') as Level[]) {
      for (const library of values.libraries.split(',') as Library[]) {
        const runs: ClientResult[] = [];
        for (let run = 0; run < repeats; run++) {
          const server = await serve(dataset);
          const port = (server.address() as { port: number }).port;
          const result = await runChild(library, level, port, dataset.events, Number(values.timeout) * 1000);
          await new Promise((resolve) => server.close(resolve));
          if (typeof result === 'string' || result.events < result.expected) {
            const why = typeof result === 'string' ? result : `delivered ${result.events} of ${result.expected} events, then nothing more for 10 s`;
            failures.push(`${library} ${level} on ${dataset.name}: ${why}`);
            break;
          }
          print(`  ${library} ${level} run ${run + 1}: ${Math.round((result.events / result.ms) * 1000)} events/s`);
          runs.push(result);
        }
        const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
        if (median) rows.push({ ...median, dataset: dataset.name, runs: runs.length, eventsPerSec: (median.events / median.ms) * 1000, mbPerSec: megabytes / (median.ms / 1000) });
      }
    }
  }
  const output = table(rows, failures);
  print(`\n${output}`);
  if (values.write && !values['no-write']) {
    const section = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\nMachine: ${machine()}.\nMedian of ${repeats} run(s) per row, ${target} target events per dataset, each client in its own process over loopback TCP.\n\n${output}\n`;
    appendFileSync(join(root, 'bench', 'esl', 'results.md'), section);
    print('\nappended to bench/esl/results.md');
  }
}

if (process.argv[2] === 'client') {
  const [library, level, port, expected, timeoutMs] = process.argv.slice(3);
  runClient(library as Library, level as Level, Number(port), Number(expected), Number(timeoutMs)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
