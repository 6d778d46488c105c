import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type AgentReport,
  type AgentReportQuery,
  type IntervalReport,
  type IntervalReportQuery,
  type QueueReport,
  type QueueReportQuery,
  type QueueTodayQuery,
  type QueueTodayReport,
  type ReportFormat,
  type ReportSettings,
  agentReportQuerySchema,
  intervalReportQuerySchema,
  queueReportQuerySchema,
  queueTodayQuerySchema,
} from '@switchboard/shared/contracts';
import { RequirePermissions } from '@switchboard/api/feature-auth';
import { ValidationError, ZodValidationPipe } from '@switchboard/api/util-http';
import { agentReportCsv, intervalReportCsv, queueReportCsv } from './report-csv';
import { ReportsService } from './reports.service';

const QUEUE_NAME = /^[A-Za-z0-9_.@+-]{1,128}$/;

/** JSON as is, or CSV as a download named after the report and its range. */
function answer<T extends { from: string; to: string }>(
  report: T,
  format: ReportFormat,
  response: Response,
  name: string,
  csv: (report: T) => string,
): T | string {
  if (format === 'json') return report;
  const day = (iso: string) => iso.slice(0, 16).replace(/[:]/g, '');
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}-${day(report.from)}-${day(report.to)}.csv"`);
  return csv(report);
}

/** Queue, agent and interval reports over call records (`?format=csv` for a CSV download). */
@ApiTags('reports')
@ApiBearerAuth()
@RequirePermissions('calls:read')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('settings')
  @ApiOperation({ summary: "The contact center's time zone, in which reports and the floor count days and hours" })
  settings(): ReportSettings {
    return this.reports.settings();
  }

  @Get('queues')
  @ApiOperation({ summary: 'Per-queue figures over a range (from, to, queue?, format=json|csv)' })
  async queues(
    @Query(new ZodValidationPipe(queueReportQuerySchema)) query: QueueReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QueueReport | string> {
    return answer(await this.reports.byQueue(query), query.format, response, 'queues', queueReportCsv);
  }

  @Get('agents')
  @ApiOperation({ summary: 'Per-agent figures, staffed time and occupancy over a range (from, to, agent?, format)' })
  async agents(
    @Query(new ZodValidationPipe(agentReportQuerySchema)) query: AgentReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AgentReport | string> {
    return answer(await this.reports.byAgent(query), query.format, response, 'agents', agentReportCsv);
  }

  @Get('intervals')
  @ApiOperation({ summary: 'Figures per hour or day (in timeZone) over a range (from, to, interval, queue?, format)' })
  async intervals(
    @Query(new ZodValidationPipe(intervalReportQuerySchema)) query: IntervalReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IntervalReport | string> {
    return answer(await this.reports.byInterval(query), query.format, response, 'intervals', intervalReportCsv);
  }

  @Get('queues/:queue/today')
  @ApiOperation({ summary: "A queue's figures from local midnight (timeZone) until now: what the live wall shows" })
  today(
    @Param('queue') queue: string,
    @Query(new ZodValidationPipe(queueTodayQuerySchema)) query: QueueTodayQuery,
  ): Promise<QueueTodayReport> {
    if (!QUEUE_NAME.test(queue))
      throw new ValidationError('queue must be a queue name', [{ path: 'queue', message: 'must be a queue name' }]);
    return this.reports.queueToday(queue, query.timeZone);
  }
}
