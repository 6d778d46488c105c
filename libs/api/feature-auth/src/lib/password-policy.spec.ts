import { ValidationError } from '@switchboard/api/util-http';
import { PasswordPolicy, weakPasswordReason } from './password-policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it.each([
    '1234567890',
    'aaaaaaaaaa',
    'PASSWORD123',
    'qwertyuiop',
    'iloveyou12',
    'abcdefghijk',
    '9876543210',
    '0987654321',
    '7890123456',
    'ababababab',
  ])('refuses %s with a ValidationError naming the field', (password) => {
    expect(weakPasswordReason(password)).toMatch(/^password /);
    let error: unknown;
    try {
      policy.check(password, 'newPassword');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { path: 'newPassword', message: expect.stringMatching(/^newPassword /) },
    ]);
  });

  // Every password the repository seeds, documents or tests with must stay accepted (demo data, README, e2e).
  it.each([
    'Adm1n-pass-123!',
    'Agent-pass-123!',
    'Ann-pass-12345',
    'Sue-pass-12345',
    'long-enough-pw',
    'Role-pass-1234',
    'correct horse battery',
    'demo-agent-pass',
    'choose-a-long-one',
    'at-least-10-chars',
    'Realtime-pass-123!',
    'Leaver-pass-123',
    'Promote-pass-2',
    'Pager-pass-1234',
    'Strong-pass-123',
    'Ana-desk-pass-1',
  ])('accepts %s', (password) => {
    expect(weakPasswordReason(password)).toBeUndefined();
    expect(() => policy.check(password)).not.toThrow();
  });
});
