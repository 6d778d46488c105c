import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Throttles login attempts per client address *and* email. A contact centre puts hundreds of agents behind one
 * NAT address who all sign in at shift start, so an address-only key would lock the floor out; the pair still
 * stops password guessing against an account.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const body = request['body'];
    const email = typeof body === 'object' && body !== null && typeof (body as { email?: unknown }).email === 'string'
      ? (body as { email: string }).email.trim().toLowerCase()
      : '';
    const ip = typeof request['ip'] === 'string' ? request['ip'] : 'unknown';
    return Promise.resolve(`${ip}|${email}`);
  }
}
