import type { OutboundClass } from '@switchboard/shared/contracts';

/** The call classes the dialplan checks in `${toll_allow}`, narrowest first. */
export const TOLL_CLASSES = ['internal', 'local', 'national', 'international'] as const;

const REACH: Readonly<Record<OutboundClass, number>> = { INTERNAL: 1, LOCAL: 2, NATIONAL: 3, INTERNATIONAL: 4 };

/** The `toll_allow` value of an extension: its outbound class and every narrower one, comma-separated. */
export function tollAllow(outboundClass: OutboundClass): string {
  return TOLL_CLASSES.slice(0, REACH[outboundClass]).join(',');
}
