import type { AuthStore } from '@switchboard/shared/data-access-auth';
import type { Softphone } from '@switchboard/telephony/sip-angular';

/**
 * Signs the agent out of the console: the phone unregisters first (after logout the API revokes this login's SIP
 * credential), then the session ends and the login page opens. Used by "Sign out" and by "Sign in again".
 */
export async function signOutOfConsole(phone: Softphone, auth: AuthStore): Promise<void> {
  await phone.stop().catch((error: unknown) => console.warn('softphone did not stop cleanly', error));
  await auth.logout();
}
