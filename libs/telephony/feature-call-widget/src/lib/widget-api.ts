import type {
  ApiErrorBody,
  CallButtonStatusDto,
  WebCallCredentialDto,
  WebCallRefusal,
} from '@switchboard/shared/contracts';

/** Why the API would not give the widget what it asked for, in terms the widget shows. */
export type WidgetRefusal =
  | { kind: 'closed'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number; message: string }
  | { kind: 'foreign-origin' }
  | { kind: 'unavailable' }
  | { kind: 'unreachable' };

export type WidgetAnswer<T> = { ok: true; value: T } | { ok: false; refusal: WidgetRefusal };

/** The API the widget talks to: the public call-button endpoints, found from the script's own URL. */
export class WidgetApi {
  constructor(
    private readonly apiBase: string,
    private readonly fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  /** Whether the button is open now (and its name). */
  status(buttonId: string): Promise<WidgetAnswer<CallButtonStatusDto>> {
    return this.ask(`/api/public/call-buttons/${encodeURIComponent(buttonId)}`, { method: 'GET' });
  }

  /**
   * A single-use credential for one call. The body is a form: browsers send it cross-origin without a preflight.
   * Only the page's origin and path matter to the server; the query is dropped here already.
   */
  credential(buttonId: string, page: string): Promise<WidgetAnswer<WebCallCredentialDto>> {
    return this.ask(`/api/public/call-buttons/${encodeURIComponent(buttonId)}/calls`, {
      method: 'POST',
      body: new URLSearchParams({ page: page.replace(/[?#].*$/, '') }),
    });
  }

  private async ask<T>(path: string, init: RequestInit): Promise<WidgetAnswer<T>> {
    const url = `${this.apiBase}${path}`;
    let response: Response;
    try {
      response = await this.fetcher(url, { ...init, credentials: 'omit', cache: 'no-store' });
    } catch {
      // TypeError: a network failure, or CORS refused the answer (the origin is not allowed). Tell them apart.
      return { ok: false, refusal: { kind: (await this.reachable()) ? 'foreign-origin' : 'unreachable' } };
    }
    if (response.ok) return { ok: true, value: (await response.json()) as T };
    return { ok: false, refusal: await refusalOf(response) };
  }

  /**
   * Whether the server answers at all: the widget's own script is readable from any origin, so when it loads but the
   * button's answer did not, CORS hid that answer: the page's origin is not one of the button's.
   */
  private async reachable(): Promise<boolean> {
    try {
      await this.fetcher(`${this.apiBase}/widget/switchboard-call.js`, { method: 'HEAD', credentials: 'omit' });
      return true;
    } catch {
      // TypeError again: the network, not CORS.
      return false;
    }
  }
}

async function refusalOf(response: Response): Promise<WidgetRefusal> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    // Not our JSON error body (a proxy's page): the status alone decides.
  }
  const message = body.message ?? '';
  switch (response.status) {
    case 403:
      return { kind: 'foreign-origin' };
    case 409: {
      const refusal = body.details?.[0]?.path as WebCallRefusal | undefined;
      if (refusal === 'openingHours') return { kind: 'closed', message };
      if (refusal === 'maxConcurrentCalls') return { kind: 'busy', message };
      return { kind: 'unavailable' };
    }
    case 429: {
      const seconds = Number(response.headers.get('retry-after'));
      return {
        kind: 'rate-limited',
        retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60,
        message,
      };
    }
    default:
      return { kind: 'unavailable' };
  }
}
