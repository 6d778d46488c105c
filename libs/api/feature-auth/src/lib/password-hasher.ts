import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id password hashing (OWASP's first choice), behind a seam so tests and callers need not know argon2. */
@Injectable()
export class PasswordHasher {
  // A real hash of a random string: verifying against it when the email is unknown costs the same time as a real
  // check, so response times do not reveal which emails exist.
  private readonly decoy = argon2.hash(`decoy-${Math.random()}`, { type: argon2.argon2id });

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      // A malformed stored hash: treat as a failed check rather than a 500.
      return false;
    }
  }
}
