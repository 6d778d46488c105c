import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { SoftphoneClient, type SoftphoneOptions, type TabEnvironment } from '@switchboard/telephony/sip-core';
import { SOFTPHONE_CLIENT } from './softphone';

/**
 * Provides the softphone client behind the `Softphone` store (`bootstrapApplication(App, { providers: [
 * provideSoftphone({ dtmfMode: 'rfc4733' })] })`). Options are sip-core's `SoftphoneOptions`.
 */
export function provideSoftphone(options: SoftphoneOptions = {}, tabs?: TabEnvironment): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: SOFTPHONE_CLIENT, useFactory: () => new SoftphoneClient(options, tabs) },
  ]);
}
