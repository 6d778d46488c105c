import { Module } from '@nestjs/common';

/** Nest module of api/feature-supervision (wired into AppModule). */
@Module({})
export class SupervisionModule {}
