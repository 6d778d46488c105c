import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { EslService } from '@switchboard/api/data-access-esl';
import { RedisService } from '@switchboard/api/data-access-redis';
import { Public } from '@switchboard/api/feature-auth';
import { MetricsRegistry } from './metrics.registry';

const VERSION = process.env['npm_package_version'] ?? '0.1.0';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: MetricsRegistry,
    private readonly esl: EslService,
    private readonly redis: RedisService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: '200 when the API and its database work; 503 when the database does not answer' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const databaseUp = await this.prisma.isReachable();
    response.status(databaseUp ? 200 : 503);
    const redis = this.redisHealth();
    return {
      status: databaseUp && redis?.status !== 'down' ? 'ok' : 'degraded',
      database: databaseUp ? 'up' : 'down',
      freeswitch: {
        configured: this.esl.configured,
        connected: this.esl.isConnected(),
        nodes: this.esl.nodeIds.map((id) => ({ id, connected: this.esl.isConnected(id) })),
      },
      ...(redis ? { redis } : {}),
      version: VERSION,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  private redisHealth(): HealthResponse['redis'] {
    if (!this.redis.configured) return undefined;
    const up = this.redis.isUp;
    return {
      status: up ? 'up' : 'down',
      replica: this.redis.replicaId,
      degraded: up
        ? []
        : [
            'node ownership: each replica keeps the FreeSWITCH nodes it ingests, but a replica that dies is not replaced',
            'live floor: changes on other replicas’ nodes do not reach this replica’s supervisors until Redis is back',
            'login limits: failed sign-ins are counted per replica (tries spread over N replicas get N times the limit) until Redis is back',
          ],
    };
  }

  @Public()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (served at /metrics, outside /api)' })
  async prometheus(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
