import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The numbers that decide whether a FreeSWITCH found in a work folder is an orphan. */
export interface FreeswitchOwnership {
  /** The process named in `run/freeswitch.pid`, when it exists and is a FreeSWITCH. */
  readonly freeswitchPid: number | undefined;
  /** Its parent process now. */
  readonly parentPid: number | undefined;
  /** The process that started it (`run/owner.pid`), when recorded. */
  readonly ownerPid: number | undefined;
}

/**
 * Whether that FreeSWITCH was left behind by a starter that died. Its owner's FreeSWITCH is its child; once the
 * owner dies it is re-parented (to init or a subreaper), so a parent other than the recorded owner means orphan.
 * Without an owner file only a child of init counts, so a FreeSWITCH someone else runs is never touched.
 */
export function isOrphan({ freeswitchPid, parentPid, ownerPid }: FreeswitchOwnership): boolean {
  if (freeswitchPid === undefined || parentPid === undefined) return false;
  return ownerPid === undefined ? parentPid === 1 : parentPid !== ownerPid;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    // No such file: nothing recorded.
    return undefined;
  }
}

/** Parent of a live process from /proc (Linux); undefined when it is gone or /proc is not there. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    // The process has exited (or no /proc): there is no parent to read.
    return undefined;
  }
}

/** Whether `pid` is a running FreeSWITCH. */
function isFreeswitch(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('freeswitch');
  } catch {
    // The process has exited (or no /proc): not a running FreeSWITCH.
    return false;
  }
}

/** The FreeSWITCH that runs with `workDir` (named in its pid file), if any; whoever started it. */
export function runningFreeswitchPid(workDir: string): number | undefined {
  const pid = readPid(join(workDir, 'run', 'freeswitch.pid'));
  return pid !== undefined && isFreeswitch(pid) ? pid : undefined;
}

/**
 * Waits until process `pid` is gone, up to `timeoutMs`; resolves with whether it is. Its cmdline reads empty before
 * its sockets are closed, so this waits until its parent has reaped it.
 */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs && existsSync(`/proc/${pid}`); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !existsSync(`/proc/${pid}`);
}

/**
 * A FreeSWITCH that a starter of ours (an API that was SIGKILLed, say) left running in `workDir` holds the ports:
 * kill it and wait until it is gone. One whose starter still runs is left alone. Resolves with the pid it killed.
 */
export async function stopOrphanFreeswitch(workDir: string): Promise<number | undefined> {
  const freeswitchPid = runningFreeswitchPid(workDir);
  if (freeswitchPid === undefined) return undefined;
  const ownership = {
    freeswitchPid,
    parentPid: parentOf(freeswitchPid),
    ownerPid: readPid(join(workDir, 'run', 'owner.pid')),
  };
  if (!isOrphan(ownership)) return undefined;
  try {
    process.kill(freeswitchPid, 'SIGKILL');
  } catch {
    // It exited between the look and the kill: already what we want.
    return undefined;
  }
  await waitForProcessExit(freeswitchPid, 5_000);
  return freeswitchPid;
}
