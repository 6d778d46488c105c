// One REGISTER over SIP-over-WebSocket with digest auth from an HA1, as JsSIP would send it: answers the final
// status after the challenge. Lets a test ask Asterisk itself whether a credential is accepted, without a softphone.
// The WebSocket is the browser's (Node 20 has no WebSocket client of its own); the digest is computed here.
import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

export interface ProbeCredential {
  readonly user: string;
  readonly domain: string;
  readonly ha1: string;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

interface ProbeWindow {
  __sbProbeSocket?: WebSocket;
  __sbProbeAnswers?: string[];
}
declare const window: ProbeWindow;

/** Opens the page's probe socket and sends `message`; resolves the next final (≥ 200) answer. */
async function exchange(page: Page, wsUrl: string, message: string, timeoutMs: number): Promise<string> {
  return page.evaluate(
    async ({ wsUrl, message, timeoutMs }) => {
      if (!window.__sbProbeSocket || window.__sbProbeSocket.readyState !== WebSocket.OPEN) {
        const socket = new WebSocket(wsUrl, 'sip');
        window.__sbProbeAnswers = [];
        socket.addEventListener('message', (event) => window.__sbProbeAnswers?.push(String(event.data)));
        await new Promise((resolve, reject) => {
          socket.addEventListener('open', resolve);
          socket.addEventListener('error', () => reject(new Error(`WebSocket ${wsUrl} failed`)));
        });
        window.__sbProbeSocket = socket;
      }
      window.__sbProbeAnswers = [];
      window.__sbProbeSocket.send(message);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const final = window.__sbProbeAnswers.find((answer) => /^SIP\/2\.0 [2-6]\d\d/.test(answer));
        if (final) return final;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no final answer in ${timeoutMs} ms`);
    },
    { wsUrl, message, timeoutMs },
  );
}

/** Sends REGISTER (Expires 0), answers a 401 once with the HA1, resolves the final status. */
export async function registerOnce(
  page: Page,
  wsUrl: string,
  credential: ProbeCredential,
  timeoutMs = 5_000,
): Promise<number> {
  const { user, domain, ha1 } = credential;
  const callId = randomBytes(8).toString('hex');
  const tag = randomBytes(4).toString('hex');
  const uri = `sip:${domain}`;
  const build = (cseq: number, authorization?: string): string =>
    [
      `REGISTER ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS probe.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      'Max-Forwards: 70',
      `To: <sip:${user}@${domain}>`,
      `From: <sip:${user}@${domain}>;tag=${tag}`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      `Contact: <sip:${randomBytes(4).toString('hex')}@probe.invalid;transport=ws>`,
      // 0: the probe asks whether the credential is accepted and leaves no registration behind.
      'Expires: 0',
      ...(authorization ? [`Authorization: ${authorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  const status = (answer: string): number => Number(/^SIP\/2\.0 (\d{3})/.exec(answer)?.[1] ?? 0);
  const first = await exchange(page, wsUrl, build(1), timeoutMs);
  const challenge = /^WWW-Authenticate:\s*(.+)$/im.exec(first)?.[1];
  if (status(first) !== 401 || !challenge) return status(first);
  const param = (name: string): string => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1] ?? '';
  const nonce = param('nonce');
  const cnonce = randomBytes(8).toString('hex');
  const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${md5(`REGISTER:${uri}`)}`);
  const authorization =
    `Digest username="${user}", realm="${param('realm')}", nonce="${nonce}", uri="${uri}", ` +
    `response="${response}", algorithm=MD5, cnonce="${cnonce}", qop=auth, nc=00000001` +
    (param('opaque') ? `, opaque="${param('opaque')}"` : '');
  return status(await exchange(page, wsUrl, build(2, authorization), timeoutMs));
}
