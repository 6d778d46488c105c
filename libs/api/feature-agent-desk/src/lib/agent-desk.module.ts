import { Module } from '@nestjs/common';

/** Nest module of api/feature-agent-desk (wired into AppModule). */
@Module({})
export class AgentDeskModule {}
