import { computeHa1, parseDigest, verifyDigest } from './digest';
import { FakeSipSocket, type SocketPeer } from './fake-sip-socket';
import { answerSdp } from './fake-sdp';
import { callSoftphone, type OutgoingCall, type OutgoingCallOptions } from './server-calls';
import { buildResponse, buildSip, cseqOf, header, parseSip, tagOf, token, uriOf, type SipMessage } from './sip-message';

/** A dialog as the fake server sees it. `local*` is the server side, `remote*` the softphone. */
export interface ServerDialog {
  readonly callId: string;
  readonly localNameAddr: string;
  readonly remoteNameAddr: string;
  remoteTarget: string;
  /** Connection the softphone last reached us on in this dialog (Kamailio's contact alias). */
  socket: FakeSipSocket;
  generation: number;
  cseq: number;
  ended: boolean;
}

/** An INVITE from the softphone that the test answers. */
export interface ServerInvite {
  readonly request: SipMessage;
  readonly toTag: string;
  ringing(withSdp?: boolean): void;
  answer(): void;
  reject(status: number, reason: string): void;
}

export interface FakeSipServerOptions {
  readonly domain?: string;
  readonly realm?: string;
  /** user → password */
  readonly users?: Readonly<Record<string, string>>;
}

const ok = 'OK';

/**
 * An in-process SIP registrar + UAS behind `FakeSipSocket`s that speaks real SIP text: digest-challenged
 * REGISTER, INVITE 100/180/183/200 (or any refusal), 422 with Min-SE, re-INVITE 200/491 (scriptable and
 * holdable, to observe serialisation), REFER 202 + NOTIFY sipfrag, INFO, UPDATE, BYE, CANCEL/487.
 * Server-side calls to the softphone (`sendInvite`, `hangup`, `sendReinvite`) too.
 */
export class FakeSipServer implements SocketPeer {
  readonly domain: string;
  readonly realm: string;
  /** Every message the softphones sent, parsed, in arrival order. */
  readonly received: SipMessage[] = [];
  readonly sockets: FakeSipSocket[] = [];
  readonly dialogs = new Map<string, ServerDialog>();
  readonly invites: ServerInvite[] = [];
  /** Contact URI and socket of each registered AOR user. */
  readonly bindings = new Map<string, { contact: string; socket: FakeSipSocket }>();
  refusing = false;
  /** When set, an INVITE without Session-Expires >= minSe gets 422. */
  minSe?: number;
  /** Statuses for the next re-INVITEs (e.g. `[491]`); empty → 200 with SDP. */
  readonly reinviteScript: number[] = [];
  /** When true, re-INVITEs wait in `heldReinvites` until `releaseReinvite()`. */
  holdReinvites = false;
  readonly heldReinvites: SipMessage[] = [];
  /** re-INVITEs received while another of the same dialog was unanswered (must stay 0). */
  overlappingReinvites = 0;
  /** Final sipfrag status the REFER's NOTIFY reports. */
  referOutcome = 200;
  /** Called for each new INVITE from a softphone (after 100 Trying); default rings with 180 (no SDP). */
  onInvite: (invite: ServerInvite) => void = (invite) => invite.ringing();
  private readonly users: Readonly<Record<string, string>>;
  private readonly nonces = new Set<string>();
  private readonly pendingReinvite = new Set<string>();
  private readonly waiters: { match: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }[] = [];
  /** Handlers of responses from softphones, keyed by `Call-ID CSeq-method`. */
  readonly responseHandlers = new Map<string, (m: SipMessage) => void>();

  constructor(options: FakeSipServerOptions = {}) {
    this.domain = options.domain ?? 'pbx.test';
    this.realm = options.realm ?? this.domain;
    this.users = options.users ?? { '1001': 'secret' };
  }

  /** For `SoftphoneOptions.createSocket`. */
  readonly createSocket = (url: string): FakeSipSocket => {
    const socket = new FakeSipSocket(this, url);
    this.sockets.push(socket);
    return socket;
  };

  /** HA1 of a configured user in this realm. */
  ha1(user: string): string {
    return computeHa1(user, this.realm, this.users[user] ?? '');
  }

  /** Requests of one method the softphones sent. */
  requests(method: string): SipMessage[] {
    return this.received.filter((m) => m.method === method);
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor(match: (m: SipMessage) => boolean, timeoutMs = 4000, after = 0): Promise<SipMessage> {
    const seen = this.received.slice(after).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('FakeSipServer.waitFor timed out')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Resolves with the next request of `method`. */
  waitForRequest(method: string, timeoutMs?: number, after = this.received.length): Promise<SipMessage> {
    return this.waitFor((m) => m.method === method, timeoutMs, after);
  }

  /** Drops every connection (like a registrar restart). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.drop();
  }

  /** Answers the oldest held re-INVITE (200 with SDP, or `status`). */
  releaseReinvite(status = 200): void {
    const request = this.heldReinvites.shift();
    if (request) this.answerReinvite(request, status);
  }

  /** Calls the registered softphone of `user`; `final` resolves with the final response (a 2xx is ACKed). */
  sendInvite(user: string, options: OutgoingCallOptions = {}): OutgoingCall {
    const binding = this.bindings.get(user);
    if (!binding) throw new Error(`${user} is not registered`);
    return callSoftphone(this, binding, user, options);
  }

  /** Sends an in-dialog request to the softphone; false when the dialog's connection is dead. */
  sendInDialog(callId: string, method: string, extra: readonly (readonly [string, string])[] = [], body = ''): boolean {
    const dialog = this.dialogs.get(callId);
    if (!dialog || dialog.ended) return false;
    // Like Kamailio's contact alias: the route names the connection the softphone last used in this dialog.
    if (dialog.socket.generation !== dialog.generation || !dialog.socket.isConnected()) return false;
    dialog.cseq += 1;
    return dialog.socket.deliver(
      buildSip(
        `${method} ${dialog.remoteTarget} SIP/2.0`,
        [
          ['Via', `SIP/2.0/WSS fake-pbx.invalid;branch=z9hG4bK${token()}`],
          ['Max-Forwards', '70'],
          ['From', dialog.localNameAddr],
          ['To', dialog.remoteNameAddr],
          ['Call-ID', callId],
          ['CSeq', `${dialog.cseq} ${method}`],
          ['Contact', `<sip:uas@127.0.0.1:5060;transport=ws>`],
          ...extra,
        ],
        body,
      ),
    );
  }

  /** The far end hangs up; false when the BYE cannot reach the softphone (dead connection). */
  hangup(callId: string): boolean {
    const sent = this.sendInDialog(callId, 'BYE');
    const dialog = this.dialogs.get(callId);
    if (sent && dialog) dialog.ended = true;
    return sent;
  }

  accept(socket: FakeSipSocket): void {
    if (!this.sockets.includes(socket)) this.sockets.push(socket);
  }

  release(_socket: FakeSipSocket): void {
    // Bindings stay (like a registrar); in-dialog routes through the dead connection fail by generation.
  }

  receive(socket: FakeSipSocket, raw: string): void {
    if (raw.trim() === '') return;
    const message = parseSip(raw);
    this.received.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
    if (message.status !== undefined) {
      this.responseHandlers.get(`${header(message, 'call-id')} ${cseqOf(message).method}`)?.(message);
      return;
    }
    this.handleRequest(socket, message);
  }

  private reply(
    socket: FakeSipSocket,
    request: SipMessage,
    status: number,
    reason: string,
    options?: Parameters<typeof buildResponse>[3],
  ): void {
    socket.deliver(buildResponse(request, status, reason, options));
  }

  private handleRequest(socket: FakeSipSocket, request: SipMessage): void {
    const callId = header(request, 'call-id');
    const dialog = this.dialogs.get(callId);
    const inDialog = !!tagOf(header(request, 'to')) && !!dialog;
    if (inDialog && request.method !== 'ACK') {
      dialog.socket = socket;
      dialog.generation = socket.generation;
    }
    switch (request.method) {
      case 'REGISTER':
        return this.handleRegister(socket, request);
      case 'INVITE':
        return inDialog ? this.handleReinvite(request) : this.handleInvite(socket, request);
      case 'ACK':
        return;
      case 'CANCEL': {
        this.reply(socket, request, 200, ok);
        const invite = this.invites.find((i) => header(i.request, 'call-id') === callId);
        invite?.reject(487, 'Request Terminated');
        return;
      }
      case 'BYE':
        if (dialog) dialog.ended = true;
        return this.reply(socket, request, dialog ? 200 : 481, dialog ? ok : 'Call/Transaction Does Not Exist');
      case 'UPDATE':
        return this.reply(
          socket,
          request,
          200,
          ok,
          request.body ? { headers: [['Content-Type', 'application/sdp']], body: answerSdp(request.body) } : {},
        );
      case 'REFER':
        return this.handleRefer(socket, request);
      case 'INFO':
      case 'OPTIONS':
      case 'NOTIFY':
      case 'MESSAGE':
      case undefined:
      default:
        return this.reply(socket, request, 200, ok);
    }
  }

  private handleRegister(socket: FakeSipSocket, request: SipMessage): void {
    const user = /sip:([^@]+)@/.exec(header(request, 'to'))?.[1] ?? '';
    const authorization = header(request, 'authorization');
    const nonce = parseDigest(authorization)['nonce'] ?? '';
    if (!authorization || !this.nonces.has(nonce) || !(user in this.users)) {
      const fresh = token(12);
      this.nonces.add(fresh);
      return this.reply(socket, request, 401, 'Unauthorized', {
        toTag: token(),
        headers: [['WWW-Authenticate', `Digest realm="${this.realm}", nonce="${fresh}", algorithm=MD5, qop="auth"`]],
      });
    }
    if (!verifyDigest(authorization, 'REGISTER', this.ha1(user), nonce))
      return this.reply(socket, request, 403, 'Forbidden', { toTag: token() });
    const contact = header(request, 'contact');
    const expires = Number(/expires=(\d+)/i.exec(contact)?.[1] ?? header(request, 'expires') ?? '600');
    if (expires === 0) this.bindings.delete(user);
    else this.bindings.set(user, { contact: uriOf(contact), socket });
    this.reply(socket, request, 200, ok, {
      toTag: token(),
      headers: expires === 0 ? [] : [['Contact', `<${uriOf(contact)}>;expires=${expires}`]],
    });
  }

  private handleInvite(socket: FakeSipSocket, request: SipMessage): void {
    const sessionExpires = Number.parseInt(header(request, 'session-expires') || '0', 10);
    if (this.minSe !== undefined && sessionExpires > 0 && sessionExpires < this.minSe) {
      return this.reply(socket, request, 422, 'Session Interval Too Small', {
        toTag: token(),
        headers: [['Min-SE', String(this.minSe)]],
      });
    }
    this.reply(socket, request, 100, 'Trying');
    const toTag = token();
    const callId = header(request, 'call-id');
    let final = false;
    const invite: ServerInvite = {
      request,
      toTag,
      ringing: (withSdp = false) => {
        if (final) return;
        this.reply(socket, request, withSdp ? 183 : 180, withSdp ? 'Session Progress' : 'Ringing', {
          toTag,
          headers: [
            ['Contact', '<sip:uas@127.0.0.1:5060;transport=ws>'],
            ...(withSdp ? [['Content-Type', 'application/sdp'] as const] : []),
          ],
          body: withSdp ? answerSdp(request.body) : '',
        });
      },
      answer: () => {
        if (final) return;
        final = true;
        const remote = this.dialogs.get(callId);
        this.dialogs.set(callId, {
          callId,
          localNameAddr: `${header(request, 'to')};tag=${toTag}`,
          remoteNameAddr: header(request, 'from'),
          remoteTarget: uriOf(header(request, 'contact')),
          socket,
          generation: socket.generation,
          cseq: remote?.cseq ?? 0,
          ended: false,
        });
        this.reply(socket, request, 200, ok, {
          toTag,
          headers: [
            ['Contact', '<sip:uas@127.0.0.1:5060;transport=ws>'],
            ['Content-Type', 'application/sdp'],
            ...(sessionExpires > 0
              ? [['Session-Expires', `${sessionExpires};refresher=uac`] as const, ['Require', 'timer'] as const]
              : []),
          ],
          body: answerSdp(request.body),
        });
      },
      reject: (status, reason) => {
        if (final) return;
        final = true;
        this.reply(socket, request, status, reason, { toTag });
      },
    };
    this.invites.push(invite);
    this.onInvite(invite);
  }

  private handleReinvite(request: SipMessage): void {
    const callId = header(request, 'call-id');
    if (this.pendingReinvite.has(callId)) this.overlappingReinvites += 1;
    this.pendingReinvite.add(callId);
    if (this.holdReinvites) {
      this.heldReinvites.push(request);
      return;
    }
    this.answerReinvite(request, this.reinviteScript.shift() ?? 200);
  }

  private answerReinvite(request: SipMessage, status: number): void {
    const dialog = this.dialogs.get(header(request, 'call-id'));
    if (!dialog) return;
    this.pendingReinvite.delete(dialog.callId);
    if (status === 200) {
      return this.reply(dialog.socket, request, 200, ok, {
        headers: [
          ['Contact', '<sip:uas@127.0.0.1:5060;transport=ws>'],
          ['Content-Type', 'application/sdp'],
        ],
        body: answerSdp(request.body),
      });
    }
    const reasons: Record<number, string> = {
      491: 'Request Pending',
      422: 'Session Interval Too Small',
      488: 'Not Acceptable Here',
    };
    this.reply(dialog.socket, request, status, reasons[status] ?? 'Error', {
      headers: status === 422 ? [['Min-SE', String(this.minSe ?? 1800)]] : [],
    });
  }

  private handleRefer(socket: FakeSipSocket, request: SipMessage): void {
    const callId = header(request, 'call-id');
    this.reply(socket, request, 202, 'Accepted');
    const event = `refer;id=${cseqOf(request).seq}`;
    const notify = (status: number, reason: string, state: string): void => {
      this.sendInDialog(
        callId,
        'NOTIFY',
        [
          ['Event', event],
          ['Subscription-State', state],
          ['Content-Type', 'message/sipfrag;version=2.0'],
        ],
        `SIP/2.0 ${status} ${reason}\r\n`,
      );
    };
    setTimeout(() => notify(100, 'Trying', 'active;expires=60'), 5);
    setTimeout(
      () => notify(this.referOutcome, this.referOutcome === 200 ? ok : 'Failed', 'terminated;reason=noresource'),
      20,
    );
  }
}
