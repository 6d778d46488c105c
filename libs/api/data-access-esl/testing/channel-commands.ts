import { randomUUID } from 'node:crypto';
import { CallScript, SIM_DOMAIN } from './call-script';
import { setVars } from './leg';
import { reportingVariables } from './reporting';
import { type ApiContext, type ApiHandler, splitArgs } from './simulator-api';
import { type HeaderList, type SimEvent, urlEncode } from './wire';

type Headers = ReadonlyMap<string, string>;

/**
 * `uuid_dump <uuid> [json|txt]`: the channel's CHANNEL_DATA event, made of its latest data (Channel-*, Caller-* with
 * the Caller-Channel-*-Time values, Other-Leg-*, every variable_*) under the standard event headers, with the next
 * Event-Sequence. `json` is one unformatted object with no newline after it, as FreeSWITCH 1.11.2 prints it.
 */
export const uuidDump: ApiHandler = (args, context) => {
  const [uuid, format = 'txt'] = splitArgs(args);
  if (!uuid) return '-USAGE: <uuid> [format]\n';
  const record = context.state.channelData.get(uuid);
  if (!record) return '-ERR No such channel!\n';
  const headers = context.stamp({ name: 'CHANNEL_DATA', headers: [...record.headers] });
  if (format.toLowerCase() === 'json') return JSON.stringify(Object.fromEntries(headers));
  // txt (and any other format, as FreeSWITCH falls back): the event's text form, values URL-encoded.
  return `${headers.map(([name, value]) => `${name}: ${urlEncode(value)}`).join('\n')}\n\n`;
};

/** The µs value of a Caller-Channel-*-Time style header. */
const us = (headers: Headers, name: string): bigint =>
  BigInt(/^\d+$/.test(headers.get(name) ?? '') ? (headers.get(name) ?? '0') : '0');

/** A copy with `Hangup-Cause` after Answer-State, where FreeSWITCH puts it once a channel hangs up. */
function withCause(headers: Headers, cause: string): Map<string, string> {
  const entries = [...headers].filter(([name]) => name !== 'Hangup-Cause');
  const at = entries.findIndex(([name]) => name === 'Answer-State');
  entries.splice(at + 1, 0, ['Hangup-Cause', cause]);
  return new Map(entries);
}

/** CHANNEL_HANGUP of a channel as the simulator knows it. */
function hangupEvent(headers: Headers, cause: string): HeaderList {
  const next = withCause(headers, cause);
  next.set('Answer-State', 'hangup');
  next.set('Channel-State-Number', '10');
  return [...next];
}

/** The channel reaching CS_REPORTING: its CDR variables, its hangup time, and HANGUP_COMPLETE. */
function completeEvent(headers: Headers, cause: string, hangupUs: bigint, sipDisposition: string): SimEvent {
  const next = withCause(headers, cause);
  const uuid = next.get('Unique-ID') ?? '';
  next.set('Channel-State', 'CS_REPORTING');
  next.set('Channel-Call-State', 'HANGUP');
  next.set('Channel-State-Number', '11');
  next.set('Channel-Call-UUID', uuid);
  next.set('Caller-Channel-Hangup-Time', String(hangupUs));
  const times = {
    profileCreated: us(next, 'Caller-Profile-Created-Time'),
    created: us(next, 'Caller-Channel-Created-Time'),
    answered: us(next, 'Caller-Channel-Answered-Time'),
    progress: us(next, 'Caller-Channel-Progress-Time'),
    progressMedia: us(next, 'Caller-Channel-Progress-Media-Time'),
    hangup: hangupUs,
    transfer: 0n,
    bridged: us(next, 'Caller-Channel-Bridged-Time'),
    lastHold: us(next, 'Caller-Channel-Last-Hold'),
    holdAccum: us(next, 'Caller-Channel-Hold-Accum'),
  };
  const callerIdName = next.get('Caller-Caller-ID-Name') ?? '';
  const callerIdNumber = next.get('Caller-Caller-ID-Number') ?? '';
  const vars = {
    sip_hangup_disposition: sipDisposition,
    call_uuid: uuid,
    ...reportingVariables({ times, cause, callerIdName, callerIdNumber }),
  };
  for (const [name, value] of Object.entries(vars)) next.set(`variable_${name}`, value);
  return { name: 'CHANNEL_HANGUP_COMPLETE', headers: [['Hangup-Cause', cause], ...next] };
}

/**
 * The CHANNEL_DESTROY FreeSWITCH fires right after a channel's CHANNEL_HANGUP_COMPLETE: the same channel data,
 * state number 12, no leading Hangup-Cause. The simulator sends one after every HANGUP_COMPLETE it sends.
 */
export function destroyAfter(complete: SimEvent): SimEvent {
  const [first, ...rest] = complete.headers;
  const headers = (first?.[0] === 'Hangup-Cause' ? rest : complete.headers).map(
    ([name, value]): readonly [string, string] => (name === 'Channel-State-Number' ? [name, '12'] : [name, value]),
  );
  return { name: 'CHANNEL_DESTROY', headers, timestampUs: complete.timestampUs };
}

/**
 * Hangs up `uuid` and the leg bridged to it, in the order FreeSWITCH reports it (as call-script's endBridge): the A
 * leg's hangup ends its originated leg at once; killing the originated leg unbridges the A leg, which then hangs up
 * (hangup_after_bridge). FreeSWITCH sends the BYEs, so both legs say send_bye.
 */
function hangUp(context: ApiContext, uuid: string, cause: string): void {
  const now = (): bigint => BigInt(Date.now()) * 1000n;
  const latest = (id: string): Headers | undefined => context.state.channelData.get(id)?.headers;
  const killed = latest(uuid);
  if (!killed) return;
  const partner = killed.get('Other-Leg-Unique-ID');
  const other = partner !== undefined && latest(partner)?.get('Answer-State') !== 'hangup' ? partner : undefined;
  const aLeg = other === undefined || killed.get('Other-Type') !== 'originator' ? uuid : other;
  const bLeg = aLeg === uuid ? other : uuid;
  const hangupAt = new Map<string, bigint>();
  const hang = (id: string, why: string): void => {
    const headers = latest(id);
    if (!headers) return;
    const at = now();
    hangupAt.set(id, at);
    context.emit({ name: 'CHANNEL_HANGUP', headers: hangupEvent(headers, why), timestampUs: at });
  };
  const complete = (id: string, why: string): void => {
    const headers = latest(id);
    if (headers) context.emit(completeEvent(headers, why, hangupAt.get(id) ?? now(), 'send_bye'));
  };
  const unbridge = (): void => {
    const headers = latest(aLeg);
    if (!headers || bLeg === undefined) return;
    const next = new Map(headers).set('variable_bridge_hangup_cause', 'NORMAL_CLEARING');
    context.emit({
      name: 'CHANNEL_UNBRIDGE',
      headers: [['Bridge-A-Unique-ID', aLeg], ['Bridge-B-Unique-ID', bLeg], ...next],
    });
  };
  const aCause = aLeg === uuid ? cause : 'NORMAL_CLEARING';
  const bCause = bLeg === uuid ? cause : 'NORMAL_CLEARING';
  if (bLeg === undefined) {
    hang(aLeg, aCause);
    complete(aLeg, aCause);
  } else if (aLeg === uuid) {
    hang(aLeg, aCause);
    hang(bLeg, bCause);
    complete(bLeg, bCause);
    unbridge();
    complete(aLeg, aCause);
  } else {
    hang(bLeg, bCause);
    complete(bLeg, bCause);
    unbridge();
    hang(aLeg, aCause);
    complete(aLeg, aCause);
  }
}

/** `uuid_kill <uuid> [cause]`. FreeSWITCH answers +OK before the hangup's events reach ESL (seen on 1.11.2). */
export const uuidKill: ApiHandler = (args, context) => {
  const [uuid, cause = 'NORMAL_CLEARING'] = splitArgs(args);
  const record = uuid === undefined ? undefined : context.state.channelData.get(uuid);
  if (!uuid || !record) return '-ERR No such channel!\n';
  if (record.headers.get('Answer-State') !== 'hangup') setImmediate(() => hangUp(context, uuid, cause));
  return '+OK\n';
};

/** The `{a=b,c=d}` and `[...]` variables in front of a dial string. */
function dialVariables(dialString: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const group of dialString.match(/^(\{[^}]*\}|\[[^\]]*\])+/)?.[0].match(/[{[]([^}\]]*)[}\]]/g) ?? []) {
    for (const pair of group.slice(1, -1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return vars;
}

/**
 * `originate <dial string> <exten>|&app(args) [dialplan] [context]`: an outbound leg that rings and answers
 * (CHANNEL_CREATE, ORIGINATE, PROGRESS, ANSWER), honouring origination_uuid and origination_caller_id_*. Like
 * FreeSWITCH, the reply (`+OK <uuid>`) reaches the client before the channel's events.
 */
export const originate: ApiHandler = (args, context) => {
  const [dialString, extension = '', , dialplanContext = 'default'] = splitArgs(args);
  if (!dialString) return '-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>]\n';
  const vars = dialVariables(dialString);
  const target = dialString.replace(/^(\{[^}]*\}|\[[^\]]*\])*/, '');
  const user = /^user\/([^@]+)(?:@(.+))?$/.exec(target);
  const script = new CallScript(BigInt(Date.now()) * 1000n);
  const leg = script.leg({
    uuid: vars['origination_uuid'] ?? randomUUID(),
    direction: 'outbound',
    channelName: user ? `sofia/internal/${user[1]}@${user[2] ?? SIM_DOMAIN}` : target,
    callerIdName: vars['origination_caller_id_name'] ?? 'Outbound Call',
    callerIdNumber: vars['origination_caller_id_number'] ?? '0000000000',
    destination: user?.[1] ?? extension,
    context: dialplanContext,
    source: 'src/switch_ivr_originate.c',
    networkAddr: '127.0.0.1',
    presenceId: user ? `${user[1]}@${user[2] ?? SIM_DOMAIN}` : undefined,
  });
  setVars(leg, { ...vars, originate_endpoint: user ? 'user' : (target.split('/')[0] ?? '') });
  const app = /^&([a-z_]+)\((.*)\)$/.exec(extension);
  if (app) setVars(leg, { current_application: app[1] ?? '', current_application_data: app[2] ?? '' });
  script
    .channel('CHANNEL_CREATE', leg)
    .channel('CHANNEL_ORIGINATE', leg)
    .channel('CHANNEL_PROGRESS', leg)
    .channel('CHANNEL_ANSWER', leg);
  setImmediate(() => {
    for (const { event } of script.events) context.emit(event);
  });
  return `+OK ${leg.uuid}\n`;
};
