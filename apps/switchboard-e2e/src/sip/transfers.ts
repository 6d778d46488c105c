// The two transfers every PBX stage checks through the agent console's own buttons, the same way on Kamailio,
// FreeSWITCH and Asterisk: only what each PBX shows in between (a hold notice, a screenshot) differs.
import type { AgentConsole } from './agent-console';

/** Who is on the call being transferred; `caller` and `transferor` are already talking. */
export interface TransferParties {
  /** The party who stays on the line throughout. */
  caller: AgentConsole;
  /** The agent who transfers the call away. */
  transferor: AgentConsole;
  /** Where the call goes. */
  target: AgentConsole;
  targetExtension: string;
  /** How the target's ringing popup names who is calling it. */
  shownToTarget: RegExp;
}

/** Blind transfer (REFER): the target rings and answers, the transferor's call ends, caller and target talk. */
export async function blindTransfer(
  { caller, transferor, target, targetExtension, shownToTarget }: TransferParties,
  beforeSubmit: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  await transferor.click('call-transfer');
  await transferor.page.getByTestId('transfer-target').fill(targetExtension);
  await beforeSubmit();
  await transferor.click('transfer-submit');
  expect(await target.waitRinging()).toMatch(shownToTarget);
  await target.click('answer');
  await Promise.all([
    target.waitCallState(/Connected/),
    caller.waitCallState(/Connected/),
    transferor.waitCallState(null),
  ]);
  expect(await target.audioFlows()).toBeGreaterThan(0);
  expect(await caller.audioFlows()).toBeGreaterThan(0);
}

/**
 * Attended transfer: the transferor consults the target with the caller on hold, then completes; caller and target
 * talk. `whileConsulting` runs once the target answered the consultation.
 */
export async function attendedTransfer(
  { caller, transferor, target, targetExtension, shownToTarget }: TransferParties,
  whileConsulting: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  await transferor.click('call-consult');
  await transferor.page.getByTestId('transfer-target').fill(targetExtension);
  await transferor.click('transfer-submit');
  expect(await target.waitRinging()).toMatch(shownToTarget);
  await target.click('answer');
  await transferor.waitForText('other-call', /on hold/);
  await whileConsulting();
  // A consultation is a conversation: the target hears the transferor before the call is handed over. Completing
  // ~150 ms after the answer, as the test once did, left the caller's check racing the target's media set-up
  // (ICE and DTLS on a fresh leg), and on Asterisk the caller hears nothing of the target until it flows.
  expect(await target.audioFlows()).toBeGreaterThan(0);
  await transferor.click('transfer-complete');
  await transferor.waitCallState(null);
  await Promise.all([caller.waitCallState(/Connected/), target.waitCallState(/Connected/)]);
  expect(await caller.audioFlows()).toBeGreaterThan(0);
  expect(await target.audioFlows()).toBeGreaterThan(0);
}
