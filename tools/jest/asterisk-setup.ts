// Jest global setup of the `asterisk` project (the real-Asterisk stage): the same PostgreSQL as the real-FreeSWITCH
// stage, and a test address on lo. Asterisk never offers loopback ICE candidates, so in a namespace with only
// 127.0.0.1 its calls would connect without media; 192.0.2.1 (TEST-NET-1, routed nowhere) gives it one. Only
// inside the stage's own network namespace (SB_E2E_NETNS), never on a host's lo.
import { spawnSync } from 'node:child_process';
import { ASTERISK_TEST_ADDRESS } from '../../libs/shared/util-asterisk/src/lib/test-address';
import freeswitchSetup from './freeswitch-setup';

export default async function asteriskSetup(): Promise<void> {
  if (process.env['SB_E2E_NETNS']) {
    const listed = spawnSync('ip', ['-o', 'addr', 'show', 'dev', 'lo'], { encoding: 'utf8' }).stdout;
    if (!listed.includes(ASTERISK_TEST_ADDRESS.split('/')[0] ?? ''))
      spawnSync('ip', ['addr', 'add', ASTERISK_TEST_ADDRESS, 'dev', 'lo'], { stdio: 'inherit' });
  }
  await freeswitchSetup();
}
