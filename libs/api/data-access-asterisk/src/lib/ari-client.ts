/** The PJSIP object types Switchboard writes through ARI's dynamic configuration API. */
export type PjsipObjectType = 'endpoint' | 'aor' | 'auth';

/** An ARI request failed: Asterisk unreachable, refused the credentials, or refused the object. */
export class AriRequestError extends Error {
  override readonly name = 'AriRequestError';
  constructor(
    message: string,
    /** HTTP status, or undefined when Asterisk was not reached. */
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What GET /ari/asterisk/info says about this Asterisk's run; `startupTime` changes when it restarts. */
export interface AriAsteriskInfo {
  readonly version: string;
  readonly startupTime: string;
}

export interface AriClientOptions {
  /** http(s)://host:port of Asterisk's HTTP server, without credentials. */
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  /** Per request (default 5 s). */
  readonly timeoutMs?: number;
}

/**
 * The Asterisk REST Interface, as far as Switchboard needs it. Answers and errors never carry object fields: an
 * auth object's fields hold its digest.
 */
export class AriClient {
  private readonly authorization: string;

  constructor(private readonly options: AriClientOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  }

  async info(): Promise<AriAsteriskInfo> {
    const response = await this.request('GET', '/ari/asterisk/info?only=build,status');
    const body = (await response.json()) as { status?: { startup_time?: string }; build?: { version?: string } };
    return { version: body.build?.version ?? 'unknown', startupTime: body.status?.startup_time ?? '' };
  }

  /**
   * Creates a PJSIP object in the sorcery wizard that takes writes (memory, in asterisk/sorcery.conf), or updates
   * the fields it names on an existing one: Asterisk keeps the fields a PUT does not name.
   */
  async putPjsipObject(type: PjsipObjectType, id: string, fields: Readonly<Record<string, string>>): Promise<void> {
    const body = { fields: Object.entries(fields).map(([attribute, value]) => ({ attribute, value })) };
    await this.request('PUT', this.objectPath(type, id), body);
  }

  /** Deletes a PJSIP object; false when there was none. */
  async deletePjsipObject(type: PjsipObjectType, id: string): Promise<boolean> {
    try {
      await this.request('DELETE', this.objectPath(type, id));
      return true;
    } catch (error) {
      // 404: nothing to delete, which is what the caller wanted.
      if (error instanceof AriRequestError && error.status === 404) return false;
      throw error;
    }
  }

  /** Whether a PJSIP object exists (in any wizard, config files included). */
  async hasPjsipObject(type: PjsipObjectType, id: string): Promise<boolean> {
    try {
      await this.request('GET', this.objectPath(type, id));
      return true;
    } catch (error) {
      // 404: there is none.
      if (error instanceof AriRequestError && error.status === 404) return false;
      throw error;
    }
  }

  private objectPath(type: PjsipObjectType, id: string): string {
    return `/ari/asterisk/config/dynamic/res_pjsip/${type}/${encodeURIComponent(id)}`;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
    } catch (error) {
      throw new AriRequestError(`ARI ${method} ${path}: Asterisk not reached`, undefined, { cause: error });
    }
    if (!response.ok) {
      // ARI's error bodies are short JSON ({"message": ...}) and never echo fields.
      const detail = await response.text().then(
        (text) => text.slice(0, 200),
        () => '',
      );
      throw new AriRequestError(`ARI ${method} ${path}: ${response.status} ${detail}`.trim(), response.status);
    }
    return response;
  }
}
