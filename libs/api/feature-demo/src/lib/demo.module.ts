import { Module } from '@nestjs/common';
import { DemoService } from './demo.service';

/** The demo contact center (DEMO=1): seeding and history. Its collaborators are resolved from the running app. */
@Module({ providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
