import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { findSetpriv, withParentDeathSignal } from './parent-death';

/** Whether `pid` runs (a zombie waiting for its reaper does not). */
function running(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    // Gone between the two reads.
    return false;
  }
}

/** The program `pid` runs now (after exec), or undefined when it is gone. */
function command(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

jest.setTimeout(20_000);

describe('withParentDeathSignal', () => {
  it('runs the program through setpriv with the signal when setpriv exists, unchanged otherwise', () => {
    expect(withParentDeathSignal('/bin/pg', ['-D', 'x'], 'INT', '/usr/bin/setpriv')).toEqual({
      command: '/usr/bin/setpriv',
      args: ['--pdeathsig', 'INT', '--', '/bin/pg', '-D', 'x'],
      diesWithParent: true,
    });
    expect(withParentDeathSignal('/bin/pg', ['-D', 'x'], 'INT', false)).toEqual({
      command: '/bin/pg',
      args: ['-D', 'x'],
      diesWithParent: false,
    });
  });

  const onLinuxWithSetpriv = findSetpriv() ? it : it.skip;
  onLinuxWithSetpriv('has the program stopped by the kernel when its spawner is killed with SIGKILL', async () => {
    const spawned = withParentDeathSignal('sleep', ['60'], 'TERM');
    // A shell spawns it and prints its pid; the shell is then SIGKILLed, as an API might be.
    const shell = spawn('sh', ['-c', '"$@" & echo $!; wait', 'sh', spawned.command, ...spawned.args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [chunk] = (await once(shell.stdout, 'data')) as [Buffer];
    const pid = Number(chunk.toString().trim());
    expect(running(pid)).toBe(true);
    // `$!` is known at fork, before setpriv has set the signal: kill the shell only once setpriv has exec'd sleep
    // (setpriv sets it first), or the test races the kernel instead of testing it.
    for (let waited = 0; command(pid) !== 'sleep' && waited < 5_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(command(pid)).toBe('sleep');
    shell.kill('SIGKILL');
    for (let waited = 0; running(pid) && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(running(pid)).toBe(false);
  });
});
