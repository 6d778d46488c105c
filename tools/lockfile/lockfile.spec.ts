// `npm ci` refuses a lockfile that lacks any platform's optional package ("Missing: … from lock file"), even the ones
// it would not install here. npm leaves them out when the registry it resolved against lacked that platform's build
// of the exact version, so a dependency bump can silently break `npm ci` for CI, the Dockerfile and every other
// machine. This checks what `npm ci` checks, without the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const root = join(__dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Where Node (and npm) would find `name` for the package at `path`: its own node_modules, then each parent's. */
function resolves(path: string, name: string): boolean {
  let base = path;
  for (;;) {
    if (lock.packages[`${base === '' ? '' : `${base}/`}node_modules/${name}`]) return true;
    if (base === '') return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

describe('package-lock.json', () => {
  it('is a v3 lockfile', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('holds every optional dependency of every package, for every platform, as npm ci requires', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages))
      for (const name of Object.keys(entry.optionalDependencies ?? {}))
        if (!resolves(path, name)) missing.push(`${name} (optional dependency of ${path || 'the root'})`);
    expect(missing).toEqual([]);
  });

  it('holds every dependency of every package', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages))
      for (const name of Object.keys(entry.dependencies ?? {}))
        if (!resolves(path, name)) missing.push(`${name} (dependency of ${path || 'the root'})`);
    expect(missing).toEqual([]);
  });
});
