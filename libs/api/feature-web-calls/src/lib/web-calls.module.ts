import { Global, Module } from '@nestjs/common';
import { DIRECTORY_GUESTS } from '@switchboard/api/feature-provisioning';
import { CallButtonsController } from './buttons/call-buttons.controller';
import { CallButtonsService } from './buttons/call-buttons.service';
import { WebCallDirectory } from './credentials/web-call-directory';
import { WebCallHangups } from './credentials/web-call-hangups';
import { PublicCallButtonsController } from './public/public-call-buttons.controller';
import { WebCallService } from './public/web-call.service';
import { WidgetController } from './widget/widget.controller';

/**
 * Click-to-call: call buttons (admin REST), the widget's public endpoints and bundle, and the single-use SIP
 * credentials FreeSWITCH's directory serves once. Global because the provisioning lib's directory asks
 * {@link DIRECTORY_GUESTS} about web credentials without importing this lib.
 */
@Global()
@Module({
  controllers: [CallButtonsController, PublicCallButtonsController, WidgetController],
  providers: [
    CallButtonsService,
    WebCallService,
    WebCallDirectory,
    WebCallHangups,
    { provide: DIRECTORY_GUESTS, useExisting: WebCallDirectory },
  ],
  exports: [DIRECTORY_GUESTS],
})
export class WebCallsModule {}
