/** Answer of `GET /api/health`: 200 when the database answers, 503 when it does not. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  version: string;
  uptimeSeconds: number;
}
