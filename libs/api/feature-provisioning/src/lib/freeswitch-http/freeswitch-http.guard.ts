import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { ForbiddenError, UnauthenticatedError } from '@switchboard/api/util-http';
import { IpAllowList } from './ip-allow-list';

/** The challenge sent with a 401, so curl and browsers know to send Basic credentials. */
export const FREESWITCH_HTTP_CHALLENGE = 'Basic realm="switchboard-freeswitch", charset="UTF-8"';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Guards the routes FreeSWITCH calls (mod_xml_curl, mod_json_cdr), which sit outside the JWT scheme: the caller's
 * address must be in FREESWITCH_HTTP_ALLOW (403 otherwise) and, when FREESWITCH_HTTP_USER/PASSWORD are set, it must
 * present them with HTTP Basic auth (401 with a challenge otherwise).
 */
@Injectable()
export class FreeswitchHttpGuard implements CanActivate {
  private readonly allowList: IpAllowList;
  private readonly expected: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowList = new IpAllowList(config.freeswitch.httpAllow);
    const credentials = config.freeswitch.http;
    this.expected = credentials ? digest(`${credentials.user}:${credentials.password}`) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const address = request.ip ?? request.socket.remoteAddress;
    if (!this.allowList.allows(address)) {
      throw new ForbiddenError(
        `${address ?? 'This address'} may not call the FreeSWITCH endpoints: it is not in FREESWITCH_HTTP_ALLOW.`,
      );
    }
    if (this.expected && !this.presentsCredentials(request.headers.authorization)) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', FREESWITCH_HTTP_CHALLENGE);
      throw new UnauthenticatedError(
        'FreeSWITCH must send the FREESWITCH_HTTP_USER/PASSWORD credentials (gateway-credentials in xml_curl.conf).',
      );
    }
    return true;
  }

  private presentsCredentials(header: string | undefined): boolean {
    const encoded = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '')?.[1];
    if (!encoded || !this.expected) return false;
    // Comparing fixed-size digests keeps the comparison constant-time whatever the lengths.
    return timingSafeEqual(digest(Buffer.from(encoded, 'base64').toString('utf8')), this.expected);
  }
}
