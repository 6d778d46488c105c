import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, screenshot } from './browser';

// The e2e API runs with DEMO=1 (tools/jest/e2e-setup.ts): the in-process ESL simulator generates calls and agent
// changes, so the live floor has something to show.
const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };

jest.setTimeout(120_000);

/** What the floor shows at one moment, as text, to compare over time. */
interface FloorReading {
  calls: string[];
  agentStates: string[];
  agentTimes: string[];
  waiting: string[];
}

async function readFloor(page: Page): Promise<FloorReading> {
  const texts = (testId: string) => page.getByTestId(testId).allTextContents();
  return {
    calls: await page
      .locator('[data-testid="call-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call') ?? '')),
    agentStates: await texts('agent-state'),
    agentTimes: await texts('agent-time'),
    waiting: await texts('queue-waiting'),
  };
}

/** Signs in over REST and returns an access token, for test set-up that is not what the test is about. */
async function adminToken(): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const body = (await response.json()) as { accessToken: string };
  return body.accessToken;
}

/** Polls until `check` passes or the time is up; returns whether it passed. */
async function eventually(page: Page, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await page.waitForTimeout(250);
  }
  return check();
}

describe('supervisor dashboard with simulated traffic in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl()}/supervisor/`);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('shell-user').waitFor();
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
  });

  it('shows the floor live: tiles, agents and calls change while the simulator runs', async () => {
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor();
    // A queue appears with its first caller; at the simulator's rate that can take a while after start.
    await page.getByTestId('queue-tile').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('agent-row').first().waitFor();
    expect(await page.getByTestId('simulated-badge').textContent()).toMatch(/Simulated traffic/);

    const before = await readFloor(page);
    expect(before.agentStates.length).toBeGreaterThan(0);
    expect(before.waiting.every((count) => /^\d+$/.test(count.trim()))).toBe(true);

    // Time in state counts up every second on its own; calls and agent states change with the simulated traffic.
    const ticked = await eventually(
      page,
      async () => (await readFloor(page)).agentTimes.join() !== before.agentTimes.join(),
      5_000,
    );
    expect(ticked).toBe(true);
    // The demo's live traffic is a contact center's pace (DEMO_LIVE_RATE, 0.1 calls/s with minutes-long calls and
    // wrap-up): give it a minute, in which no change at all is a chance well under 1 %.
    const trafficMoved = await eventually(
      page,
      async () => {
        const now = await readFloor(page);
        return now.calls.join() !== before.calls.join() || now.agentStates.join() !== before.agentStates.join();
      },
      60_000,
    );
    expect(trafficMoved).toBe(true);
    const after = await readFloor(page);
    expect(after).not.toEqual(before);

    await screenshot(page, 'supervisor-floor-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    await screenshot(page, 'supervisor-floor-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('creating a queue: an invalid name is explained inline, then a valid queue is created and its sync shown', async () => {
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.getByTestId('resource-table').waitFor();
    await page.getByTestId('new-record-button').click();

    await page.getByTestId('field-name').fill('Sales Team');
    await page.getByTestId('field-displayName').fill('E2E sales');
    await page.getByTestId('field-serviceLevelSeconds').fill('0');
    await page.getByTestId('form-submit').click();
    expect(await page.getByTestId('field-error-name').textContent()).toMatch(/lower-case letters/);
    expect(await page.getByTestId('field-error-serviceLevelSeconds').textContent()).toMatch(/between 1 and 3600/);
    await screenshot(page, 'supervisor-queue-invalid-1366x768');

    await page.getByTestId('field-name').fill('e2e_sales');
    await page.getByTestId('field-serviceLevelSeconds').fill('30');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('save-notice').waitFor();
    expect(await page.getByTestId('save-notice').textContent()).toMatch(/Created queue e2e_sales/);
    expect(await page.getByTestId('pbx-sync').getAttribute('data-status')).toMatch(/^(applied|pending|failed)$/);
    await page.locator('[data-testid="resource-row"][data-label="e2e_sales"]').waitFor();

    // The same name again: the API refuses it (409) and its detail lands beside the name field.
    await page.getByTestId('new-record-button').click();
    await page.getByTestId('field-name').fill('e2e_sales');
    await page.getByTestId('field-displayName').fill('Duplicate');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('field-error-name').waitFor();
    expect(await page.getByTestId('field-error-name').textContent()).toMatch(/\S/);
    await screenshot(page, 'supervisor-queues-1366x768');
  });

  it('provisions an agent in the admin screen, then forces a simulated agent on break from the floor', async () => {
    // A user for the agent, over REST (creating users in the browser is covered by login.e2e-spec.ts).
    const token = await adminToken();
    const created = await fetch(`${baseUrl()}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        email: 'agent1002.e2e@example.com',
        displayName: 'Dana Floor',
        role: 'AGENT',
        password: 'Agent-pass-123!',
      }),
    });
    expect(created.status).toBe(201);

    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByTestId('resource-table').waitFor();
    await page.getByTestId('new-record-button').click();
    await page.getByTestId('field-userId').selectOption({ label: 'Dana Floor (agent1002.e2e@example.com)' });
    await page.getByTestId('field-name').fill('agent1002@default');
    await page.getByTestId('form-submit').click();
    await page.locator('[data-testid="resource-row"][data-label="Dana Floor (agent1002@default)"]').waitFor();

    // On the floor, a demo agent the simulated switch knows (the demo seeds them; their names depend on the domain).
    await page.getByRole('link', { name: 'Live floor' }).click();
    const first = page
      .locator('[data-testid="agent-row"]')
      .filter({ hasNot: page.locator('[data-testid="agent-status"]', { hasText: 'On Break' }) })
      .first();
    await first.waitFor();
    const name = (await first.getAttribute('data-agent')) ?? '';
    expect(name).not.toBe('');
    const row = page.locator(`[data-testid="agent-row"][data-agent="${name}"]`);
    await row.getByTestId('agent-status-select').selectOption('On Break');
    await page.getByTestId('action-outcome').waitFor();
    // The row and the status line name the person an admin provisioned, not mod_callcenter's agent name.
    const person = (await row.getByTestId('agent-person').textContent())?.trim() ?? '';
    expect(person).not.toBe(name);
    expect(person).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(await page.getByTestId('action-outcome').textContent()).toMatch(
      new RegExp(`Set ${person}( · \\d+)? to On Break`),
    );
    const onBreak = await eventually(
      page,
      async () => (await row.getByTestId('agent-status').textContent()) === 'On Break',
      10_000,
    );
    expect(onBreak).toBe(true);
    await screenshot(page, 'supervisor-floor-forced-break-1366x768');
  });

  it('reports and call search read well at 1366×768', async () => {
    // The simulator's first queue calls may still be on their way to the database: re-run until a row shows.
    await page.getByRole('link', { name: 'Reports' }).click();
    const reported = await eventually(
      page,
      async () => {
        if ((await page.getByTestId('report-row').count()) > 0) return true;
        await page.getByTestId('report-run').click();
        await page.waitForTimeout(1_000);
        return false;
      },
      30_000,
    );
    expect(reported).toBe(true);
    await screenshot(page, 'supervisor-reports-1366x768');

    await page.getByRole('link', { name: 'Calls' }).click();
    await page.getByTestId('call-result').first().waitFor();
    await page.getByTestId('call-result').first().click();
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'supervisor-call-detail-1366x768');
  });
});
