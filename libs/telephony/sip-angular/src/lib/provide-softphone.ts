import { type EnvironmentProviders, inject, makeEnvironmentProviders } from '@angular/core';
import { SoftphoneClient, type SoftphoneOptions, type TabEnvironment } from '@switchboard/telephony/sip-core';
import { SOFTPHONE_CLIENT, Softphone } from './softphone';

/**
 * Provides the softphone client and the `Softphone` store (`bootstrapApplication(App, { providers: [
 * provideSoftphone({ dtmfMode: 'rfc4733' })] })`, or in a lazy route's `providers`, which keeps JsSIP out of the
 * initial bundle). Options are sip-core's `SoftphoneOptions`. A client already provided by a parent injector
 * (a test's fake, an app's own) is used instead of a new one: one client per app.
 */
export function provideSoftphone(options: SoftphoneOptions = {}, tabs?: TabEnvironment): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: SOFTPHONE_CLIENT,
      useFactory: () =>
        inject(SOFTPHONE_CLIENT, { skipSelf: true, optional: true }) ?? new SoftphoneClient(options, tabs),
    },
    Softphone,
  ]);
}
