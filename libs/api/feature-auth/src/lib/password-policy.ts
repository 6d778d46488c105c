import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { ValidationError } from '@switchboard/api/util-http';

/**
 * The ~49,000 most common passwords of real breaches, as zxcvbn-ts ships them (lower case). Password sprayers try
 * these first, so a password in it falls to a few guesses however long it is (NIST SP 800-63B § 5.1.1.2).
 */
let commonPasswords: ReadonlySet<string> | undefined;
const common = (): ReadonlySet<string> => (commonPasswords ??= new Set(dictionary['passwords-common']));

/** Fewer distinct characters than this is a repetition (`aaaaaaaaaa`, `abababababab`), not a password. */
const MIN_DISTINCT_CHARACTERS = 4;

/** The step from one character to the next; digits wrap around as on a keyboard row (`…7890`, `0987…`). */
function stepOf(from: string, to: string): number {
  const delta = (to.codePointAt(0) ?? 0) - (from.codePointAt(0) ?? 0);
  if (!/\d/.test(from) || !/\d/.test(to)) return delta;
  const wrapped = (delta + 10) % 10;
  return wrapped === 9 ? -1 : wrapped;
}

/** Whether every step between neighbouring characters is the same +1 or -1 (`abcdefghij`, `0987654321`). */
function isStraightRun(password: string): boolean {
  const chars = [...password.toLowerCase()];
  const steps = chars.slice(1).map((char, i) => stepOf(chars[i] ?? '', char));
  return Math.abs(steps[0] ?? 0) === 1 && steps.every((step) => step === steps[0]);
}

/** Why `password` is refused, or undefined when it is fine; length is checked by the contracts' schema. */
export function weakPasswordReason(password: string): string | undefined {
  if (common().has(password.toLowerCase()))
    return 'password is one of the most common passwords, which attackers try first: choose another';
  if (new Set(password.toLowerCase()).size < MIN_DISTINCT_CHARACTERS)
    return 'password repeats too few characters: choose one that is harder to guess';
  if (isStraightRun(password)) return 'password is a plain sequence of characters: choose one that is harder to guess';
  return undefined;
}

/**
 * The server-side half of the password rule. The length rule lives in the contracts (the browser forms share it);
 * the common-password list stays on the server, so it does not weigh on the browser bundles.
 */
@Injectable()
export class PasswordPolicy {
  /** Throws a ValidationError naming `field` when the password is too easy to guess. */
  check(password: string, field = 'password'): void {
    const reason = weakPasswordReason(password);
    if (reason)
      throw new ValidationError('The password is too easy to guess.', [
        { path: field, message: reason.replace(/^password/, field) },
      ]);
  }
}
