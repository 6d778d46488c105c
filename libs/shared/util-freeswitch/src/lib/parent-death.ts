import { existsSync } from 'node:fs';

/** Where util-linux's setpriv is installed on Debian, Ubuntu, Fedora, Alpine (util-linux-misc). */
const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];

/** util-linux's setpriv, when installed (Linux only). */
export function findSetpriv(): string | undefined {
  return SETPRIV_CANDIDATES.find((path) => existsSync(path));
}

/** A command line to spawn, and whether the kernel stops it when its spawner dies. */
export interface ParentDeathCommand {
  readonly command: string;
  readonly args: string[];
  readonly diesWithParent: boolean;
}

/**
 * The command line that runs `command args` with a parent-death signal (PR_SET_PDEATHSIG): the kernel sends it
 * `signal` when the process that spawned it dies, however it dies (SIGKILL included), so a server started in a
 * process group of its own is not left running as an orphan. setpriv sets the signal and then execs the program,
 * which keeps setpriv's pid and stays the spawner's child. Without setpriv: the command line unchanged.
 */
export function withParentDeathSignal(
  command: string,
  args: readonly string[],
  signal: 'INT' | 'TERM',
  /** setpriv to use (default: found), or false for none. */
  setpriv: string | false = findSetpriv() ?? false,
): ParentDeathCommand {
  return setpriv
    ? { command: setpriv, args: ['--pdeathsig', signal, '--', command, ...args], diesWithParent: true }
    : { command, args: [...args], diesWithParent: false };
}
