import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOrphan, stopOrphanFreeswitch } from './freeswitch-orphan';

describe('isOrphan', () => {
  it('is an orphan when its parent is no longer the process that started it', () => {
    expect(isOrphan({ freeswitchPid: 50, parentPid: 40, ownerPid: 40 })).toBe(false);
    expect(isOrphan({ freeswitchPid: 50, parentPid: 1, ownerPid: 40 })).toBe(true);
    expect(isOrphan({ freeswitchPid: 50, parentPid: 7, ownerPid: 40 })).toBe(true);
    // Without an owner file: only a child of init, so someone else's FreeSWITCH is never touched.
    expect(isOrphan({ freeswitchPid: 50, parentPid: 1, ownerPid: undefined })).toBe(true);
    expect(isOrphan({ freeswitchPid: 50, parentPid: 7, ownerPid: undefined })).toBe(false);
    expect(isOrphan({ freeswitchPid: undefined, parentPid: undefined, ownerPid: 40 })).toBe(false);
  });
});

// Linux only (/proc): a stand-in process whose command line says "freeswitch", as the pid file would name it.
const onLinux = process.platform === 'linux' ? describe : describe.skip;
onLinux('stopOrphanFreeswitch', () => {
  let workDir: string;
  let child: ChildProcess;
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'sb-fs-orphan-'));
    mkdirSync(join(workDir, 'run'));
    child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'freeswitch-stand-in'], { stdio: 'ignore' });
    writeFileSync(join(workDir, 'run', 'freeswitch.pid'), `${child.pid}\n`);
  });
  afterEach(() => {
    child.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('leaves alone a FreeSWITCH whose starter still runs it', async () => {
    writeFileSync(join(workDir, 'run', 'owner.pid'), `${process.pid}\n`);
    await expect(stopOrphanFreeswitch(workDir)).resolves.toBeUndefined();
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
  });

  it('kills one whose recorded starter is not its parent any more', async () => {
    writeFileSync(join(workDir, 'run', 'owner.pid'), '999999\n');
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await expect(stopOrphanFreeswitch(workDir)).resolves.toBe(child.pid);
    await expect(exited).resolves.toBe('SIGKILL');
  });

  it('does nothing without a pid file', async () => {
    rmSync(join(workDir, 'run', 'freeswitch.pid'));
    await expect(stopOrphanFreeswitch(workDir)).resolves.toBeUndefined();
  });
});
