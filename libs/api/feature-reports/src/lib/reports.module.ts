import { Module } from '@nestjs/common';
import { ReportDataRepository } from './report-data.repository';
import { ReportsController } from './reports.controller';
import { REPORTS_CLOCK, ReportsService } from './reports.service';

/** Reports over call records (`/api/reports/...`); exports ReportsService for the live wall's "today" figures. */
@Module({
  controllers: [ReportsController],
  providers: [ReportDataRepository, ReportsService, { provide: REPORTS_CLOCK, useValue: () => new Date() }],
  exports: [ReportsService],
})
export class ReportsModule {}
