import type { HeaderList } from './wire';

/** An application a channel ran (a CDR's app_log entry). */
export interface AppStamp {
  readonly name: string;
  readonly data: string;
  /** µs, as a string like FreeSWITCH writes it. */
  readonly stampUs: string;
}

/** What the simulated FreeSWITCH knows about one live channel, from the events it sent for it. */
export interface ChannelRecord {
  /** The channel's data as its latest event carried it (Channel-*, Caller-*, Other-*, variable_*), in wire order. */
  readonly headers: ReadonlyMap<string, string>;
  /**
   * Earlier caller profiles (their Caller-* and Other-* headers), oldest first. FreeSWITCH keeps every profile of a
   * channel and lists them in the CDR's callflow; a profile ends with a transfer, whose time it then records.
   */
  readonly profiles: ReadonlyArray<ReadonlyMap<string, string>>;
  /** Applications the channel ran, in order (from variable_current_application). */
  readonly apps: readonly AppStamp[];
}

const CHANNEL_DATA =
  /^(Channel-|Unique-ID$|Call-Direction$|Presence-Call-Direction$|Answer-State$|Hangup-Cause$|Caller-|Other-Type$|Other-Leg-|variable_)/;

/** Whether a header belongs to the channel data FreeSWITCH adds to a channel's events (and prints in uuid_dump). */
export function isChannelData(name: string): boolean {
  return CHANNEL_DATA.test(name);
}

interface MutableRecord {
  headers: Map<string, string>;
  profiles: Array<Map<string, string>>;
  apps: AppStamp[];
}

/**
 * The channel data of every live channel, kept from the events the simulator sends: what `uuid_dump` prints and
 * what a CDR is made of. A channel is known from its CHANNEL_CREATE until its CHANNEL_HANGUP_COMPLETE.
 */
export class ChannelRecords {
  private readonly records = new Map<string, MutableRecord>();

  get(uuid: string): ChannelRecord | undefined {
    return this.records.get(uuid);
  }

  /** Takes in the channel data of an event of channel `uuid` (any event carrying Channel-State, CUSTOM included). */
  update(uuid: string, eventName: string, headers: HeaderList): void {
    let record = this.records.get(uuid);
    if (!record) {
      if (eventName !== 'CHANNEL_CREATE') return;
      record = { headers: new Map(), profiles: [], apps: [] };
      this.records.set(uuid, record);
    }
    const data = new Map(headers.filter(([name]) => isChannelData(name)));
    if (!data.has('Channel-State')) return;
    this.keepProfile(record, data);
    // DTMF events carry no variables: the channel still has them.
    if (![...data.keys()].some((name) => name.startsWith('variable_'))) {
      for (const [name, value] of record.headers) if (name.startsWith('variable_')) data.set(name, value);
    }
    record.headers = data;
    this.keepApp(record, data, headers);
  }

  delete(uuid: string): void {
    this.records.delete(uuid);
  }

  private keepProfile(record: MutableRecord, data: ReadonlyMap<string, string>): void {
    const before = record.headers.get('Caller-Profile-Index');
    const now = data.get('Caller-Profile-Index');
    if (before === undefined || now === undefined || before === now) return;
    const profile = new Map(
      [...record.headers].filter(([name]) => name.startsWith('Caller-') || name.startsWith('Other-')),
    );
    profile.set('Caller-Channel-Transfer-Time', data.get('Caller-Profile-Created-Time') ?? '0');
    record.profiles.push(profile);
  }

  private keepApp(record: MutableRecord, data: ReadonlyMap<string, string>, headers: HeaderList): void {
    const name = data.get('variable_current_application');
    if (!name) return;
    const appData = data.get('variable_current_application_data') ?? '';
    const last = record.apps.at(-1);
    if (last?.name === name && last.data === appData) return;
    const stampUs = headers.find(([header]) => header === 'Event-Date-Timestamp')?.[1] ?? '0';
    record.apps.push({ name, data: appData, stampUs });
  }
}
