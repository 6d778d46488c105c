import type { EslApiClient } from '../client/connection-options';
import { EslProtocolError } from '../errors';
import { eslCommand } from '../esl-command';
import { assertNotError } from './pipe-table';
import { type EslEvent, createEslEvent } from '../protocol/esl-event';

type Row = Readonly<Record<string, string>>;

/** One row of `show channels as json` (FreeSWITCH's core `channels` table). */
export interface EslChannel {
  readonly uuid: string;
  /** `inbound` or `outbound`. */
  readonly direction: string;
  /** Seconds since the Unix epoch. */
  readonly createdEpoch: number;
  readonly name: string;
  /** CS_EXECUTE, CS_EXCHANGE_MEDIA, ... */
  readonly state: string;
  /** RINGING, EARLY, ACTIVE, HELD, ... */
  readonly callState: string;
  readonly callerIdName: string;
  readonly callerIdNumber: string;
  readonly destination: string;
  readonly calleeName: string;
  readonly calleeNumber: string;
  /** UUID of the call this channel belongs to (the A leg's), when bridged. */
  readonly callUuid: string | undefined;
  readonly application: string;
  readonly applicationData: string;
  readonly presenceId: string;
  readonly readCodec: string;
  readonly hostname: string;
  /** Every column as FreeSWITCH printed it. */
  readonly raw: Row;
}

/** One row of `show registrations as json` (SIP registrations held by mod_sofia). */
export interface SofiaRegistration {
  readonly user: string;
  readonly realm: string;
  readonly token: string;
  /** e.g. `sofia/internal/sip:1000@198.51.100.7:5060;fs_nat=yes`. */
  readonly url: string;
  /** Expiry, seconds since the Unix epoch. */
  readonly expires: number;
  readonly networkIp: string;
  readonly networkPort: number;
  readonly networkProto: string;
  readonly hostname: string;
  readonly metadata: string;
  readonly raw: Row;
}

/**
 * Parses `show ... as json`: `{"row_count":N,"rows":[{...}]}`, where FreeSWITCH leaves `rows` out when N is 0.
 * Throws {@link EslCommandError} for `-ERR` output, {@link EslProtocolError} for anything else unexpected.
 */
export function parseShowJson(body: string, command: string): Row[] {
  assertNotError(body, command);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    // Expected when the output was cut off or is not JSON at all: say which command produced it.
    throw new EslProtocolError(`"${command}" did not return JSON: ${body.slice(0, 80)}`, { cause: error });
  }
  const table = parsed as { row_count?: unknown; rows?: unknown };
  if (typeof table !== 'object' || table === null || typeof table.row_count !== 'number') {
    throw new EslProtocolError(`"${command}" returned JSON without row_count`);
  }
  const rows = table.rows ?? [];
  if (!Array.isArray(rows) || rows.length !== table.row_count) {
    throw new EslProtocolError(
      `"${command}" returned row_count ${table.row_count} but ${Array.isArray(rows) ? rows.length : 'no'} rows`,
    );
  }
  return rows.map((row: unknown) => {
    if (typeof row !== 'object' || row === null)
      throw new EslProtocolError(`"${command}" returned a row that is not an object`);
    return Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]),
    );
  });
}

const number = (value: string | undefined): number => (value && /^\d+$/.test(value) ? Number(value) : 0);

/** Parses the output of `show channels as json`. */
export function parseShowChannelsJson(body: string): EslChannel[] {
  return parseShowJson(body, 'show channels as json').map((raw) => ({
    uuid: raw['uuid'] ?? '',
    direction: raw['direction'] ?? '',
    createdEpoch: number(raw['created_epoch']),
    name: raw['name'] ?? '',
    state: raw['state'] ?? '',
    callState: raw['callstate'] ?? '',
    callerIdName: raw['cid_name'] ?? '',
    callerIdNumber: raw['cid_num'] ?? '',
    destination: raw['dest'] ?? '',
    calleeName: raw['callee_name'] ?? '',
    calleeNumber: raw['callee_num'] ?? '',
    callUuid: raw['call_uuid'] || undefined,
    application: raw['application'] ?? '',
    applicationData: raw['application_data'] ?? '',
    presenceId: raw['presence_id'] ?? '',
    readCodec: raw['read_codec'] ?? '',
    hostname: raw['hostname'] ?? '',
    raw,
  }));
}

/** Parses the output of `show registrations as json`. */
export function parseShowRegistrationsJson(body: string): SofiaRegistration[] {
  return parseShowJson(body, 'show registrations as json').map((raw) => ({
    user: raw['reg_user'] ?? '',
    realm: raw['realm'] ?? '',
    token: raw['token'] ?? '',
    url: raw['url'] ?? '',
    expires: number(raw['expires']),
    networkIp: raw['network_ip'] ?? '',
    networkPort: number(raw['network_port']),
    networkProto: raw['network_proto'] ?? '',
    hostname: raw['hostname'] ?? '',
    metadata: raw['metadata'] ?? '',
    raw,
  }));
}

/** Runs and parses `show channels as json`. */
export async function showChannelsJson(client: EslApiClient): Promise<EslChannel[]> {
  return parseShowChannelsJson(await client.api(eslCommand.showChannelsJson()));
}

/** Runs and parses `show registrations as json`. */
export async function sofiaRegistrations(client: EslApiClient): Promise<SofiaRegistration[]> {
  return parseShowRegistrationsJson(await client.api(eslCommand.showRegistrationsJson()));
}

/**
 * Everything FreeSWITCH knows about one live channel, as the CHANNEL_DATA event `uuid_dump UUID json` prints: the
 * same headers as the channel's events (Caller-Channel-*-Time in µs, every `variable_*`). Undefined when the channel
 * is gone (`-ERR No such channel!`) or the answer is not an event.
 */
export async function channelDump(client: EslApiClient, uuid: string): Promise<EslEvent | undefined> {
  const reply = await client.api(eslCommand.api('uuid_dump', uuid, 'json'));
  if (!reply.trimStart().startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply);
  } catch {
    // A reply cut short or not JSON: treat the channel as unknown rather than fail the whole resync.
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const headers = Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const event = createEslEvent(headers, undefined);
  return typeof event === 'string' ? undefined : event;
}
