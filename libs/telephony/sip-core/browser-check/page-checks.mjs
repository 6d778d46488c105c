// Functions evaluated in the page by run.mjs (serialised by Playwright: no closure over module scope).

/** Register two phones, call with PCMA only, check audio flows, hold stops it, unhold resumes it. */
export async function browserChecks(wsUrl) {
  const { SoftphoneClient, CallState } = globalThis.sb;
  const lines = [];
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (condition, ms = 8000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${condition}`);
      await wait(50);
    }
  };
  const account = (ext) => ({ extension: ext, domain: '127.0.0.1', wsUrl, authorizationUser: ext, password: 'unused' });
  const a = new SoftphoneClient({ singleTab: false, statsIntervalMs: 500 });
  const b = new SoftphoneClient({ singleTab: false, statsIntervalMs: 500 });
  await a.start(account('3001'));
  await b.start(account('3002'));
  lines.push([a.registrationState === 'registered' && b.registrationState === 'registered', 'both phones registered']);
  let incoming;
  b.on('incomingCall', (call) => (incoming = call));
  const startedAt = Date.now();
  const call = await a.dial('3002', { codecs: 'pcma-only' });
  await until(() => incoming !== undefined);
  lines.push([true, `INVITE reached the callee ${Date.now() - startedAt} ms after dial()`]);
  await b.answer(incoming.id);
  await until(() => a.calls[0]?.state === CallState.Established && b.calls[0]?.state === CallState.Established);
  await wait(2500);
  const stats = a.stats.get(call.id);
  lines.push([(stats?.packetsReceived ?? 0) > 50, `audio flows: ${JSON.stringify(stats)}`]);
  lines.push([stats?.codec === 'PCMA', `codec preference applied: ${stats?.codec}`]);
  await a.hold(call.id);
  lines.push([a.calls[0].state === CallState.Held && b.calls[0].remoteHold, 'hold: Held here, remoteHold there']);
  await wait(1500);
  const held = a.stats.get(call.id)?.packetsReceived;
  await wait(1200);
  lines.push([a.stats.get(call.id)?.packetsReceived === held, `no audio to the holder while held (${held})`]);
  await a.unhold(call.id);
  await wait(1500);
  const resumed = a.stats.get(call.id)?.packetsReceived;
  await wait(1200);
  lines.push([(a.stats.get(call.id)?.packetsReceived ?? 0) > resumed, 'audio flows again after unhold']);
  a.sendDtmf('123#', call.id);

  // Blind transfer: a REFERs b to c; b (a softphone too) follows the REFER and calls c, who answers.
  const c = new SoftphoneClient({ singleTab: false, statsIntervalMs: 500 });
  await c.start(account('3003'));
  c.on('incomingCall', (ringing) => void c.answer(ringing.id));
  const transferredAt = Date.now();
  await a.blindTransfer('3003', call.id);
  await until(() => a.calls.length === 0 && c.calls[0]?.state === CallState.Established && b.calls.length === 1);
  lines.push([true, `blind transfer: b now talks with c (${Date.now() - transferredAt} ms), a's leg ended`]);
  await wait(1500);
  lines.push([(c.stats.get(c.calls[0].id)?.packetsReceived ?? 0) > 20, 'audio flows between b and c']);
  b.hangup();
  await until(() => c.calls.length === 0);
  await c.stop();

  // A new call between a and b for the recovery check.
  const second = await a.dial('3002');
  await until(() => b.calls[0]?.state === CallState.Incoming);
  await b.answer();
  await until(() => a.calls[0]?.state === CallState.Established && second.id === a.calls[0].id);
  globalThis.phones = { a, b };
  return lines;
}

/** After the registrar restarted: both re-register once, the call is still up; report whether BYE gets through. */
export async function recoveryChecks() {
  const { a, b } = globalThis.phones;
  const lines = [];
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (condition, ms) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) return false;
      await wait(50);
    }
    return true;
  };
  const startedAt = Date.now();
  const registered = await until(() => a.registrationState === 'registered' && b.registrationState === 'registered', 20000);
  lines.push([registered, `re-registered ${Date.now() - startedAt} ms after the registrar came back`]);
  const registers = a.traceOf().filter((e) => e.direction === 'out' && e.summary === 'REGISTER').length;
  lines.push([registers === 2, `REGISTERs sent by one phone in total: ${registers}`]);
  await wait(6000);
  lines.push([a.calls[0]?.state === 'established', `call still up after the restart: ${a.calls[0]?.state}`]);
  b.hangup();
  const ended = await until(() => a.calls.length === 0, 5000);
  // Known limit (README "Recovery"): browser ↔ browser through one proxy cannot refresh both dead aliases.
  lines.push([true, `far end's BYE reached us after the restart: ${ended} (expected false browser ↔ browser)`]);
  await a.stop();
  await b.stop();
  return lines;
}
