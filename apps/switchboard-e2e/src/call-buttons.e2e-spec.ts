// The call-buttons admin screen in a real browser: an admin creates a button for a queue, is told inline what is
// wrong with a page address, sets opening hours, and gets the snippet to paste into the website.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CallButtonDto } from '@switchboard/shared/contracts';
import { baseUrl, launchBrowser, screenshot } from './browser';

const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };

jest.setTimeout(90_000);

async function api<T>(token: string | undefined, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('call buttons admin screen', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';

  beforeAll(async () => {
    token = (await api<{ accessToken: string }>(undefined, 'POST', '/api/auth/login', ADMIN)).accessToken;
    await api(token, 'POST', '/api/queues', { name: 'e2e_web', displayName: 'E2E web shop' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('creates a button with hours, explains a bad page address inline, and shows the snippet', async () => {
    await page.goto(`${baseUrl()}/supervisor/`);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('shell-user').waitFor();
    await page.goto(`${baseUrl()}/supervisor/admin/call-buttons`);
    await page.getByTestId('new-call-button').click();

    await page.getByTestId('field-name').fill('Shop contact (e2e)');
    await page.getByTestId('field-queueId').selectOption({ label: 'E2E web shop (e2e_web)' });
    await page.getByTestId('field-origins').fill('https://shop.example.com\nshop.example.com/contact');
    await page.getByTestId('field-alwaysOpen').uncheck();
    await page.getByTestId('form-submit').click();
    await page.getByTestId('field-error-origins').waitFor();
    expect(await page.getByTestId('field-error-origins').textContent()).toMatch(
      /shop\.example\.com\/contact is not an origin: write scheme:\/\/host\[:port\]/,
    );
    await screenshot(page, 'supervisor-call-button-form-error');

    await page.getByTestId('field-origins').fill('https://shop.example.com');
    await page.getByTestId('form-submit').click();
    const row = page.getByTestId('call-button-row').filter({ hasText: 'Shop contact (e2e)' });
    await row.waitFor();
    expect((await row.getByTestId('button-today').textContent())?.trim()).toBe('0 calls · 0 answered');
    expect((await row.getByTestId('button-lines').textContent())?.trim()).toBe('0 of 5');

    const [saved] = (await api<CallButtonDto[]>(token, 'GET', '/api/call-buttons')).filter(
      (b) => b.name === 'Shop contact (e2e)',
    );
    expect(saved).toMatchObject({ allowedOrigins: ['https://shop.example.com'], queueName: 'e2e_web' });
    // Office hours on weekdays, the form's starting point once "always open" is off.
    expect(saved?.openingHours).toHaveLength(5);

    // A new button opens its snippet at once: pasting it is what the admin does next.
    expect(await row.getByTestId('button-snippet').getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('button-snippet-code').textContent()).toBe(
      `<script src="${baseUrl()}/widget/switchboard-call.js" async></script>\n` +
        `<switchboard-call button="${saved?.id ?? ''}"></switchboard-call>`,
    );
    await screenshot(page, 'supervisor-call-buttons');

    // The snippet's script is really there.
    const widget = await fetch(`${baseUrl()}/widget/switchboard-call.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(await widget.text()).toContain('switchboard-call');
  });
});
