import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id with OWASP's baseline (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane). The library's defaults
 * (64 MiB, 3 passes, 4 lanes) cost ~8× the CPU for one check: 200 agents signing in at once behind one NAT then
 * queue for over a minute on 2 cores (bench/login/results.md). One lane per check leaves the cores to the
 * verification gate, which runs one check per core.
 */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** What a verification found: whether the password matches, and its new hash when the stored one is outdated. */
export interface PasswordCheck {
  readonly valid: boolean;
  /** Set when the password matched a hash made with other parameters: store it instead (rehash on login). */
  readonly upgradedHash?: string;
}

/** argon2id password hashing (OWASP's first choice), behind a seam so tests and callers need not know argon2. */
@Injectable()
export class PasswordHasher {
  // A real hash of a random string: verifying against it when the email is unknown costs the same time as a real
  // check, so response times do not reveal which emails exist.
  private readonly decoy = argon2.hash(`decoy-${Math.random()}`, PASSWORD_HASH_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, PASSWORD_HASH_OPTIONS);
  }

  /**
   * Checks `password` against `hash` (the decoy when undefined). A match on a hash made with other parameters (the
   * 64 MiB defaults used before) is re-hashed now, while the password is known: accounts migrate as they sign in.
   */
  async verify(hash: string | undefined, password: string): Promise<PasswordCheck> {
    let valid: boolean;
    try {
      valid = await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      // A malformed stored hash: treat as a failed check rather than a 500.
      return { valid: false };
    }
    if (!valid || hash === undefined || !argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS)) return { valid };
    return { valid, upgradedHash: await this.hash(password) };
  }
}
