/** Answer of `GET /api/health`: 200 when the database answers, 503 when it does not. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  /**
   * The FreeSWITCH nodes of FREESWITCH_ESL (or the embedded one) and whether the Event Socket to each is up. Not part
   * of `status`: the API keeps serving (records, reports, admin) while a PBX is away.
   */
  freeswitch: { configured: boolean; connected: boolean; nodes: { id: string; connected: boolean }[] };
  /**
   * Only with REDIS_URL (several API replicas): whether Redis answers, and what does not work while it does not.
   * A Redis outage makes `status` degraded but keeps HTTP 200: this replica still serves everything else.
   */
  redis?: { status: 'up' | 'down'; replica: string; degraded: string[] };
  version: string;
  uptimeSeconds: number;
}
