import { findPbxBinary } from '@switchboard/shared/util-freeswitch';

/** Where shared/asterisk/install.sh puts Asterisk. */
export const DEFAULT_ASTERISK_BIN = '/opt/asterisk/sbin/asterisk';

/**
 * The Asterisk binary to run: `ASTERISK_BIN` when set (and then only that one, so a wrong value is noticed), else
 * /opt/asterisk/sbin/asterisk, else `asterisk` on the PATH. Undefined when there is none.
 */
export function findAsteriskBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findPbxBinary('ASTERISK_BIN', DEFAULT_ASTERISK_BIN, 'asterisk', env);
}
