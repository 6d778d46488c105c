import { ESL_CUSTOM_SUBCLASSES, ESL_EVENT_NAMES } from '../src';

/**
 * Whether Switchboard subscribes to, and so records, an event of this name and subclass (the simulator, like
 * FreeSWITCH, sends a subscriber only what it asked for). HEARTBEAT and BACKGROUND_JOB are subscribed to but not
 * recorded in the event log.
 */
export const recordedBySwitchboard = (event: { readonly name: string; readonly subclass?: string }): boolean =>
  event.name === 'CUSTOM'
    ? (ESL_CUSTOM_SUBCLASSES as readonly string[]).includes(event.subclass ?? '')
    : event.name !== 'HEARTBEAT' &&
      event.name !== 'BACKGROUND_JOB' &&
      (ESL_EVENT_NAMES as readonly string[]).includes(event.name);
