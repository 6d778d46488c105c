import type { PbxSyncReport } from '@switchboard/shared/contracts';
import { READ_ON_DEMAND } from '../shared/provisioning-support';

/**
 * The one thing the rest of the API tells the PBX about SIP identities: an extension may have changed (created,
 * edited, enabled or disabled, renumbered, deleted, or its agent's per-login credential issued or revoked). The
 * adapter reads what is true now from the database, so callers pass only the number. Never throws: a PBX that
 * cannot be reached is reported (`failed`/`pending`) and caught up by the adapter.
 */
export interface PbxDirectoryPort {
  extensionChanged(number: string): Promise<PbxSyncReport>;
}

/** Injection token of the {@link PbxDirectoryPort}, bound by `PbxDirectoryModule` from `PBX`. */
export const PBX_DIRECTORY = Symbol('PBX_DIRECTORY');

/** FreeSWITCH asks the API for a user on every registration and call (mod_xml_curl): there is nothing to push. */
export class FreeswitchPullDirectory implements PbxDirectoryPort {
  extensionChanged(): Promise<PbxSyncReport> {
    return Promise.resolve(READ_ON_DEMAND);
  }
}
