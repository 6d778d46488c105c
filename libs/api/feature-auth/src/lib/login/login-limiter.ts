import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { TooManyRequestsError } from '@switchboard/api/util-http';
import { LOGIN_FAILURE_STORE, type LoginFailureStore } from './login-failure-store';

/** Spraying: at least this many accounts failed from one address... */
export const SPRAY_MIN_ACCOUNTS = 10;
/** ...with at most one distinct password per this many accounts (30 accounts × 1 password is the textbook case). */
export const SPRAY_ACCOUNTS_PER_PASSWORD = 3;
/** How long a spray is remembered, and how long its address stays blocked: slow sprays spread over minutes. */
export const SPRAY_WINDOW_SECONDS = 15 * 60;
/** Distinct accounts/passwords remembered per address; beyond it the sets stop growing (memory stays bounded). */
const SPRAY_SET_CAP = 256;

/** A spray just recognised, for the audit log. */
export interface SprayDetected {
  readonly ip: string;
  readonly accounts: number;
  readonly passwords: number;
}

/** The store keys of one address (and account). */
const keys = (ip: string, account = '') => ({
  address: `addr:${ip}`,
  account: `acct:${ip}|${account}`,
  sprayAccounts: `spray:${ip}:accounts`,
  sprayPasswords: `spray:${ip}:passwords`,
  sprayBlock: `spray:${ip}:block`,
});

/**
 * Login limits that fit a contact centre, where hundreds of agents share one NAT address at shift start. Only
 * failures count, never successes: per address + email (guessing one account), per address across all emails
 * (guessing many), and a spray detector (many accounts, few passwords) that blocks the address for longer. The
 * counts live in a {@link LoginFailureStore}: this process's memory, or Redis shared by every replica (REDIS_URL).
 */
@Injectable()
export class LoginLimiter {
  private readonly windowMs: number;
  // Emails and passwords are remembered only as keyed hashes. The key comes from the JWT secret, which every replica
  // shares (they verify each other's tokens), so one password tried on two replicas is one password in Redis.
  private readonly fingerprintKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGIN_FAILURE_STORE) private readonly store: LoginFailureStore,
  ) {
    this.windowMs = config.auth.loginRateWindow * 1000;
    this.fingerprintKey = createHmac('sha256', config.auth.jwtSecret).update('login-limit-fingerprints').digest();
  }

  /** Throws a TooManyRequestsError (429 + Retry-After) when this address, or this address + email, must wait. */
  async assertAllowed(ip: string, email: string): Promise<void> {
    const key = keys(ip, this.fingerprint(email));
    const { blockMs, counterMs } = await this.store.waits(
      [
        { key: key.address, limit: this.config.auth.loginAddressFailureLimit },
        { key: key.account, limit: this.config.auth.loginRateLimit },
      ],
      key.sprayBlock,
    );
    const [address = 0, account = 0] = counterMs;
    if (blockMs > 0)
      throw new TooManyRequestsError(
        'Too many accounts were tried from your address: sign-in from it is paused.',
        blockMs / 1000,
      );
    if (address > 0)
      throw new TooManyRequestsError('Too many failed sign-ins from your address: try again later.', address / 1000);
    if (account > 0)
      throw new TooManyRequestsError('Too many failed sign-ins for this account: try again later.', account / 1000);
  }

  /** Counts a failed login; returns the spray it reveals, the first time it does. */
  async recordFailure(ip: string, email: string, password: string): Promise<SprayDetected | undefined> {
    const account = this.fingerprint(email);
    const key = keys(ip, account);
    const [accounts = 0, passwords = 0] = await this.store.record({
      counters: [key.address, key.account],
      windowMs: this.windowMs,
      sets: [
        { key: key.sprayAccounts, member: account },
        { key: key.sprayPasswords, member: this.fingerprint(password) },
      ],
      setWindowMs: SPRAY_WINDOW_SECONDS * 1000,
      setCap: SPRAY_SET_CAP,
    });
    const spraying = accounts >= SPRAY_MIN_ACCOUNTS && passwords * SPRAY_ACCOUNTS_PER_PASSWORD <= accounts;
    if (!spraying) return undefined;
    const first = await this.store.block(key.sprayBlock, SPRAY_WINDOW_SECONDS * 1000, [
      key.sprayAccounts,
      key.sprayPasswords,
    ]);
    return first ? { ip, accounts, passwords } : undefined;
  }

  /** A success clears the account's failures (a typo earlier must not count against the agent all morning). */
  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.store.clear(keys(ip, this.fingerprint(email)).account);
  }

  private fingerprint(text: string): string {
    return createHmac('sha256', this.fingerprintKey).update(text).digest('base64url');
  }
}
