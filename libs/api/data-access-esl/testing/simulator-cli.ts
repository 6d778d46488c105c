import { parseArgs } from 'node:util';
import { EslSimulator } from './esl-simulator';

/** Options of `npm run simulate` (see {@link parseSimulatorArgs}). */
export interface SimulatorCliOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** New calls per second (0 = no generated traffic). */
  readonly rate: number;
  readonly seed: number;
  /** Virtual time speed for generated traffic and replay pacing. */
  readonly speed: number;
  /** Capture file to replay to each client once it subscribes. */
  readonly replay: string | undefined;
  readonly heartbeatSeconds: number;
}

const USAGE = `usage: simulate [--port 8021] [--host 127.0.0.1] [--password ClueCon] [--rate 0.5] [--seed 1] [--speed 1]
                [--replay capture.esl] [--heartbeat 20]
  --rate      generated calls per second (0 turns the generator off)
  --replay    replay a capture's events to every client that subscribes (at --speed; 0 = at once)`;

/** Parses CLI arguments; throws an Error whose message includes the usage text on bad input. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8021' },
      password: { type: 'string', default: 'ClueCon' },
      rate: { type: 'string', default: '0.5' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '1' },
      replay: { type: 'string' },
      heartbeat: { type: 'string', default: '20' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const number = (name: string, value: string, min: number, max: number): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}\n${USAGE}`);
    return parsed;
  };
  return {
    host: values.host,
    port: number('port', values.port, 0, 65_535),
    password: values.password,
    rate: number('rate', values.rate, 0, 10_000),
    seed: number('seed', values.seed, 0, 2 ** 32 - 1),
    speed: number('speed', values.speed, 0, 1_000_000),
    replay: values.replay,
    heartbeatSeconds: number('heartbeat', values.heartbeat, 0, 3_600),
  };
}

/** Starts a simulator from CLI arguments and keeps it running until SIGINT/SIGTERM. */
export async function runSimulatorCli(argv: readonly string[] = process.argv.slice(2)): Promise<EslSimulator> {
  const options = parseSimulatorArgs(argv);
  const simulator = new EslSimulator({
    host: options.host,
    port: options.port,
    password: options.password,
    heartbeatIntervalMs: options.heartbeatSeconds * 1000,
    seed: options.seed,
  });
  const port = await simulator.start();
  console.log(`ESL simulator listening on ${options.host}:${port} (Core-UUID ${simulator.identity.coreUuid}); FREESWITCH_ESL=esl://:${encodeURIComponent(options.password)}@${options.host}:${port}`);
  if (options.rate > 0) {
    simulator.startTraffic({ rate: options.rate, seed: options.seed, speed: options.speed || 1 });
    console.log(`generating ${options.rate} call(s)/s (seed ${options.seed}, speed ×${options.speed || 1})`);
  }
  const replay = options.replay;
  if (replay !== undefined) {
    void (async () => {
      for (;;) {
        await simulator.waitForSubscription(2 ** 31 - 1);
        const written = await simulator.replay(replay, { speed: options.speed });
        console.log(`replayed ${replay}: ${written} event frame(s) written`);
      }
    })().catch((error: unknown) => console.error('replay stopped:', error));
  }
  const shutdown = (): void => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return simulator;
}

// Only when this file itself is the entry point (not when bundled into another program that imports testing/).
if (typeof require !== 'undefined' && require.main === module && /simulator-cli\.[cm]?[jt]s$/.test(module.filename)) {
  runSimulatorCli().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
