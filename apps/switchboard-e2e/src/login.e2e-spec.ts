import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from './browser';

const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
const AGENT = { email: 'agent.e2e@example.com', name: 'Erin Agent', password: 'Agent-pass-123!' };

jest.setTimeout(90_000);

describe('signing in to both apps in a real browser', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function signIn(page: Page, app: 'agent' | 'supervisor', email: string, password: string): Promise<void> {
    await page.goto(`${baseUrl()}/${app}/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it('supervisor dashboard: wrong password is explained, the admin signs in and the session survives a reload', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor', ADMIN.email, 'wrong-password-123');
    await expectText(page, 'login-error', /wrong email or password/i);
    await screenshot(page, 'supervisor-login-error');

    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await expectText(page, 'shell-user', /Administrator/);
    await screenshot(page, 'supervisor-shell');

    await page.reload();
    await expectText(page, 'shell-user', /Administrator/);
  });

  it('supervisor dashboard: the admin sees field errors inline, creates an agent and disables nobody by accident', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor', ADMIN.email, ADMIN.password);
    await expectText(page, 'shell-user', /Administrator/);
    await page.goto(`${baseUrl()}/supervisor/admin/users`);
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('new-user-button').click();

    await page.getByTestId('new-user-email').fill(ADMIN.email);
    await page.getByTestId('new-user-name').fill('Duplicate');
    await page.getByTestId('new-user-role').selectOption('AGENT');
    await page.getByTestId('new-user-password').fill('Long-enough-123');
    await page.getByTestId('new-user-submit').click();
    await expectText(page, 'field-error-email', /already exists/);
    await screenshot(page, 'supervisor-users-field-error');

    await page.getByTestId('new-user-email').fill(AGENT.email);
    await page.getByTestId('new-user-name').fill(AGENT.name);
    await page.getByTestId('new-user-password').fill(AGENT.password);
    await page.getByTestId('new-user-submit').click();
    await page.locator(`[data-testid="user-row"][data-email="${AGENT.email}"]`).waitFor();
    await screenshot(page, 'supervisor-users');
  });

  it('agent console: the new agent signs in, sees their name, and signs out', async () => {
    const page = await newPage();
    await signIn(page, 'agent', AGENT.email, AGENT.password);
    await expectText(page, 'shell-user', new RegExp(AGENT.name));
    const shot = await screenshot(page, 'agent-console-shell');
    expect(existsSync(shot)).toBe(true);

    await page.getByTestId('shell-logout').click();
    await page.getByTestId('login-email').waitFor();
    await page.reload();
    await page.getByTestId('login-email').waitFor();
    expect(await page.getByTestId('shell-user').count()).toBe(0);
  });

  it('supervisor dashboard refuses an agent account with a clear message', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor', AGENT.email, AGENT.password);
    await expectText(page, 'login-error', /cannot use the supervisor dashboard/i);
    await screenshot(page, 'supervisor-refuses-agent');
  });
});

/** Waits (up to 10 s) until the element shows text matching `pattern`, then asserts it. */
async function expectText(page: Page, testId: string, pattern: RegExp): Promise<void> {
  const locator = page.getByTestId(testId).first();
  await locator.waitFor();
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? '';
    if (pattern.test(text)) break;
    await page.waitForTimeout(100);
  }
  expect(text).toMatch(pattern);
}
