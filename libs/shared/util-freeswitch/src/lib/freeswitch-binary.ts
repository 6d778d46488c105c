import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where FreeSWITCH is installed by shared/freeswitch/install.sh and by FreeSWITCH's own packages. */
export const DEFAULT_FREESWITCH_BIN = '/opt/freeswitch/bin/freeswitch';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: not this one.
    return false;
  }
}

/**
 * A PBX binary to run: `env[variable]` when set (and then only that one, so a wrong value is noticed), else
 * `defaultPath`, else `program` on the PATH. Undefined when there is none. Shared with util-asterisk.
 */
export function findPbxBinary(
  variable: string,
  defaultPath: string,
  program: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const configured = env[variable]?.trim();
  if (configured) return executable(configured) ? configured : undefined;
  if (executable(defaultPath)) return defaultPath;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && executable(join(dir, program))) return join(dir, program);
  }
  return undefined;
}

/**
 * The FreeSWITCH binary to run: `FREESWITCH_BIN` when set, else /opt/freeswitch/bin/freeswitch, else `freeswitch`
 * on the PATH (see {@link findPbxBinary}).
 */
export function findFreeswitchBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findPbxBinary('FREESWITCH_BIN', DEFAULT_FREESWITCH_BIN, 'freeswitch', env);
}

/** For someone without FreeSWITCH, in one line: how to get one. */
export const HOW_TO_GET_FREESWITCH =
  "install FreeSWITCH 1.10+ from your distribution's or SignalWire's packages (or set FREESWITCH_BIN), or run the whole stack with `docker compose up`";

/** The version of a FreeSWITCH binary (`1.11.2`), from `freeswitch -version`; undefined when it does not say. */
export function freeswitchVersion(binary: string): string | undefined {
  try {
    const output = execFileSync(binary, ['-version'], {
      encoding: 'utf8',
      timeout: 5_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /version:\s*(\d+\.\d+(?:\.\d+)?)/i.exec(output)?.[1];
  } catch {
    // A binary that cannot even print its version will fail to start too; that start says why.
    return undefined;
  }
}
