import { RegistrationState } from '@switchboard/telephony/sip-core';
import { phoneHealthReport, reportedRegistration } from './phone-health-reporter';

describe('phone health report', () => {
  it('says registering while reconnecting, and nothing from a tab that does not hold the registration', () => {
    expect(reportedRegistration(RegistrationState.Reconnecting)).toBe('registering');
    expect(reportedRegistration(RegistrationState.Registered)).toBe('registered');
    expect(reportedRegistration(RegistrationState.Failed)).toBe('failed');
    expect(reportedRegistration(RegistrationState.Elsewhere)).toBeUndefined();
  });

  it("turns loss into percent and keeps every figure inside the contract's bounds", () => {
    expect(
      phoneHealthReport('registered', { at: 0, mos: 4.4123, rttMs: 38.6, jitterMs: 2.25, packetLoss: 0.0123 }),
    ).toEqual({
      registration: 'registered',
      mos: 4.41,
      rttMs: 39,
      jitterMs: 2.3,
      packetLossPct: 1.23,
    });
    expect(phoneHealthReport('registered', { at: 0, mos: 0.5 }).mos).toBe(1);
    expect(phoneHealthReport('unregistered', undefined)).toEqual({
      registration: 'unregistered',
      mos: null,
      rttMs: null,
      jitterMs: null,
      packetLossPct: null,
    });
    // A call without a media path (sip-core's watchdog) is said outright; otherwise the field is left out.
    expect(phoneHealthReport('registered', undefined, true)).toMatchObject({
      registration: 'registered',
      noMedia: true,
    });
    expect(phoneHealthReport('registered', undefined, false)).not.toHaveProperty('noMedia');
  });
});
