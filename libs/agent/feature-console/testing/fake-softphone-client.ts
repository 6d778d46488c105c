import {
  type AnySoftphoneError,
  type CallInfo,
  CallState,
  ConnectionState,
  type DeviceState,
  type Leadership,
  RegistrationState,
  type SipAccount,
  type SoftphoneApi,
  type SoftphoneEvents,
  TypedEmitter,
} from '@switchboard/telephony/sip-core';

/** A call as a fake phone reports it; fields not given take everyday defaults. */
export function fakeCall(overrides: Partial<CallInfo> & Pick<CallInfo, 'id' | 'state'>): CallInfo {
  return {
    sipCallId: `sip-${overrides.id}`,
    direction: 'incoming',
    remoteIdentity: '1002',
    muted: false,
    onHold: false,
    remoteHold: false,
    ringback: false,
    noMedia: false,
    receiveOnly: false,
    conferenced: false,
    startedAt: Date.now(),
    headers: {},
    ...overrides,
  };
}

/**
 * A softphone for console tests: records every command and lets the test play the server's part
 * (`register()`, `ring()`, `update()`). Commands change call state the way the real client reports it.
 */
export class FakeSoftphoneClient extends TypedEmitter<SoftphoneEvents> implements SoftphoneApi {
  registrationState = RegistrationState.Unregistered;
  connectionState = ConnectionState.Disconnected;
  leadership: Leadership = 'leader';
  calls: CallInfo[] = [];
  devices: DeviceState = { inputs: [], outputs: [], outputSelectable: false };
  stats = new Map();
  /** Every command, as `name(args)` strings, in order. */
  readonly commands: string[] = [];
  account: SipAccount | undefined;
  /** When set, the next command that returns a promise rejects with it. */
  failNext: Error | undefined;

  register(state = RegistrationState.Registered): void {
    this.registrationState = state;
    this.emit('registrationChanged', state);
  }

  /** Reports an error outside a command, as the real client does for a failed registration or lost media. */
  fail(error: AnySoftphoneError): void {
    this.emit('error', error);
  }

  lead(leadership: Leadership): void {
    this.leadership = leadership;
    this.emit('leadershipChanged', leadership);
  }

  ring(call: Partial<CallInfo> & Pick<CallInfo, 'id'>): CallInfo {
    const ringing = fakeCall({ ...call, state: CallState.Incoming, direction: 'incoming' });
    this.update(ringing);
    this.emit('incomingCall', ringing);
    return ringing;
  }

  /** Reports a call change as the client would. */
  update(call: CallInfo): void {
    this.calls =
      call.state === CallState.Ended
        ? this.calls.filter((c) => c.id !== call.id)
        : [...this.calls.filter((c) => c.id !== call.id), call];
    this.emit('callChanged', call);
  }

  private change(id: string | undefined, patch: Partial<CallInfo>): void {
    const call = this.calls.find((c) => c.id === id) ?? this.calls.at(-1);
    if (call) this.update({ ...call, ...patch });
  }

  private record(command: string, effect?: () => void): Promise<void> {
    this.commands.push(command);
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) return Promise.reject(failure);
    effect?.();
    return Promise.resolve();
  }

  start(account: SipAccount): Promise<void> {
    this.account = account;
    return this.record(`start(${account.extension})`, () => this.register());
  }
  stop(): Promise<void> {
    return this.record('stop()', () => this.register(RegistrationState.Unregistered));
  }
  async dial(target: string): Promise<CallInfo> {
    await this.record(`dial(${target})`);
    const call = fakeCall({
      id: `out-${target}`,
      state: CallState.Dialing,
      direction: 'outgoing',
      remoteIdentity: target,
    });
    this.update(call);
    return call;
  }
  answer(callId?: string): Promise<void> {
    return this.record(`answer(${callId})`, () =>
      this.change(callId, { state: CallState.Established, answeredAt: Date.now() }),
    );
  }
  reject(callId?: string): void {
    this.commands.push(`reject(${callId})`);
    this.change(callId, { state: CallState.Ended, endReason: 'rejected' });
  }
  hangup(callId?: string): void {
    this.commands.push(`hangup(${callId})`);
    this.change(callId, { state: CallState.Ended, endReason: 'hangup-local' });
  }
  hold(callId?: string): Promise<void> {
    return this.record(`hold(${callId})`, () => this.change(callId, { state: CallState.Held, onHold: true }));
  }
  unhold(callId?: string): Promise<void> {
    return this.record(`unhold(${callId})`, () => this.change(callId, { state: CallState.Established, onHold: false }));
  }
  mute(callId?: string): void {
    this.commands.push(`mute(${callId})`);
    this.change(callId, { muted: true });
  }
  unmute(callId?: string): void {
    this.commands.push(`unmute(${callId})`);
    this.change(callId, { muted: false });
  }
  sendDtmf(digits: string, callId?: string): void {
    this.commands.push(`sendDtmf(${digits},${callId})`);
  }
  blindTransfer(target: string, callId?: string): Promise<void> {
    return this.record(`blindTransfer(${target},${callId})`, () =>
      this.change(callId, { state: CallState.Ended, endReason: 'transferred' }),
    );
  }
  async startConsultation(target: string, callId?: string): Promise<CallInfo> {
    await this.hold(callId);
    return this.dial(target);
  }
  attendedTransfer(consultCallId: string, originalCallId: string): Promise<void> {
    return this.record(`attendedTransfer(${consultCallId},${originalCallId})`);
  }
  conference(callIdA: string, callIdB: string): Promise<void> {
    return this.record(`conference(${callIdA},${callIdB})`);
  }
  splitConference(): Promise<void> {
    return this.record('splitConference()');
  }
  selectInput(deviceId: string): Promise<void> {
    return this.record(`selectInput(${deviceId})`);
  }
  selectOutput(deviceId: string): Promise<void> {
    return this.record(`selectOutput(${deviceId})`);
  }
  refreshDevices(): Promise<DeviceState> {
    return Promise.resolve(this.devices);
  }
  traceOf(): readonly [] {
    return [];
  }
}
