import type { CallButtonDto } from '@switchboard/shared/contracts';
import { buttonValues, describeHours, embedSnippet, newButtonValues, requestBody, validate } from './button-form-model';

const QUEUE_ID = '7b0e2f7e-54a4-4c53-9a53-2d2f8f6b1c11';

const button: CallButtonDto = {
  id: '0d4f8c1a-5b9e-4e57-9a0c-9a5e3f7f2b10',
  name: 'Shop contact',
  queueId: QUEUE_ID,
  queueName: 'webshop',
  queueDisplayName: 'Web shop',
  enabled: true,
  allowedOrigins: ['https://shop.example.com', 'https://www.example.com'],
  timeZone: 'Europe/Berlin',
  openingHours: [
    { day: 'mon', opens: '09:00', closes: '12:00' },
    { day: 'mon', opens: '13:00', closes: '17:00' },
    { day: 'fri', opens: '10:00', closes: '14:00' },
  ],
  closedMessage: 'Back on Monday.',
  maxConcurrentCalls: 4,
  visitorRateLimit: 3,
  visitorRateWindowSeconds: 900,
  openNow: false,
  today: { calls: 2, answered: 1 },
  activeCalls: 0,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
};

describe('call button form', () => {
  it('saves an edited button with every interval it had, the ones the editor hides included', () => {
    const values = buttonValues(button);
    expect(values.days.mon).toMatchObject({ open: true, opens: '09:00', closes: '12:00' });
    expect(values.days.tue.open).toBe(false);
    expect(requestBody(values)).toMatchObject({
      allowedOrigins: button.allowedOrigins,
      openingHours: button.openingHours,
      visitorRateWindowSeconds: 900,
      maxConcurrentCalls: 4,
    });
  });

  it('drops a day’s hidden intervals only when the admin closes that day', () => {
    const values = buttonValues(button);
    values.days.mon = { ...values.days.mon, open: false };
    expect(requestBody(values)['openingHours']).toEqual([{ day: 'fri', opens: '10:00', closes: '14:00' }]);
  });

  it('names the field of each mistake with the API’s own message', () => {
    const values = {
      ...newButtonValues('UTC'),
      name: 'Sales',
      queueId: QUEUE_ID,
      origins: 'https://ok.example.com\nexample.com/contact',
      visitorRateLimit: 'lots',
    };
    const errors = validate(values);
    expect(errors['origins']).toMatch(/example\.com\/contact is not an origin/);
    expect(errors['visitorRateLimit']).toBe('visitorRateLimit must be a number');
    expect(Object.keys(errors).sort()).toEqual(['origins', 'visitorRateLimit']);
    expect(validate({ ...values, origins: 'https://ok.example.com', visitorRateLimit: '5' })).toEqual({});
  });

  it('says the hours in a line and gives the snippet for this server', () => {
    expect(describeHours(button)).toBe('Mon 09:00–12:00 · Mon 13:00–17:00 · Fri 10:00–14:00 (Europe/Berlin)');
    expect(describeHours({ ...button, openingHours: null })).toBe('Always open');
    expect(embedSnippet('https://cc.example.com', button.id)).toBe(
      `<script src="https://cc.example.com/widget/switchboard-call.js" async></script>\n` +
        `<switchboard-call button="${button.id}"></switchboard-call>`,
    );
  });
});
