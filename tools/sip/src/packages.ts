// Installs the Debian packages a SIP test needs when they are missing and we may (root with apt-get), because a
// fresh CI machine must run the phone tests with nothing installed by hand.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

/** A program the SIP harness runs, and the Debian packages that provide it. */
export interface SipProgram {
  /** Absolute path checked for presence. */
  readonly path: string;
  /** Debian packages installing it (all must be present for the program to work). */
  readonly packages: readonly string[];
}

/** Kamailio with the WebSocket module. */
export const KAMAILIO: SipProgram = {
  path: '/usr/sbin/kamailio',
  packages: ['kamailio', 'kamailio-websocket-modules'],
};
/** rtpengine, used in userspace only (no kernel table). */
export const RTPENGINE: SipProgram = { path: '/usr/bin/rtpengine', packages: ['rtpengine-daemon'] };
/** SIPp (Debian names the package sip-tester). */
export const SIPP: SipProgram = { path: '/usr/bin/sipp', packages: ['sip-tester'] };

/** Thrown when a program is missing and cannot be installed here. */
export class SipProgramMissingError extends Error {
  override readonly name = 'SipProgramMissingError';
}

let aptUpdated = false;

function isInstalled(program: SipProgram): boolean {
  if (!existsSync(program.path)) return false;
  return program.packages.every((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0);
}

/**
 * Makes sure every program is installed: runs `apt-get update` once per process, then installs what is missing
 * (without recommended packages: rtpengine-daemon would otherwise pull in speech recognition data).
 */
export function ensureSipPrograms(...programs: SipProgram[]): void {
  const missing = programs.filter((program) => !isInstalled(program));
  if (missing.length === 0) return;
  const packages = missing.flatMap((program) => program.packages);
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (userInfo().uid !== 0 || !hasApt) {
    throw new SipProgramMissingError(
      `missing ${packages.join(', ')}: run \`sudo apt-get install -y ${packages.join(' ')}\``,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status !== 0) throw new SipProgramMissingError('apt-get update failed');
    aptUpdated = true;
  }
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  });
  const stillMissing = missing.filter((program) => !isInstalled(program));
  if (install.status !== 0 || stillMissing.length > 0) {
    throw new SipProgramMissingError(`apt-get install ${packages.join(' ')} failed`);
  }
}
