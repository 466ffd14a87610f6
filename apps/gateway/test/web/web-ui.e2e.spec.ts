import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { eventually } from '@envrefresh/testing';
import { ApiClient } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { notificationsEnv } from '../notifications/support/notification-scene';
import { WebhookReceiver } from '../notifications/support/webhook-receiver';
import {
  ARTIFACTS,
  launchChromium,
  overflowsSideways,
  personBrowser,
  screenshot,
  seriousViolations,
} from './support/browser';
import { API_RESOURCE, IdentityProvider, IdpAccount, WEB_CLIENT_ID } from './support/identity-provider';

const ADMIN: IdpAccount = { sub: 'ada', name: 'Ada Admin', roles: ['admin'], groups: ['platform'] };
const REQUESTER: IdpAccount = { sub: 'rita', name: 'Rita Requester', roles: ['requester'], groups: ['qa'] };
const APPROVER: IdpAccount = {
  sub: 'amir',
  name: 'Amir Approver',
  roles: ['approver'],
  groups: ['payments'],
};
const OUTSIDER: IdpAccount = { sub: 'olga', name: 'Olga Outsider', roles: ['viewer'], groups: ['marketing'] };

const DAY = 86_400_000;
/** Two days ahead at midnight UTC: inside the timeline's fortnight, far from expiring. */
const BASE = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
const at = (hours: number) => new Date(BASE + hours * 3_600_000);
const localInput = (date: Date) => date.toISOString().slice(0, 16);

const visible = (locator: Locator, timeout = 10_000) =>
  locator.first().waitFor({ state: 'visible', timeout });
const containsText = (locator: Locator, text: string | RegExp, timeoutMs = 10_000) =>
  eventually(async () => expect(await locator.first().innerText()).toMatch(text), {
    timeoutMs,
    intervalMs: 200,
  });
const counts = (locator: Locator, count: number, timeoutMs = 10_000) =>
  eventually(async () => expect(await locator.count()).toBe(count), { timeoutMs, intervalMs: 200 });

/**
 * The web UI in a real Chromium against the five apps, signing in through a real OpenID
 * provider: a requester sees a booking's conflict before filing, takes a free slot, files; an
 * approver approves from the inbox; both see it on the calendar; an outsider sees none of it.
 * Every view is screenshotted (artifacts/web-ui) and checked by axe-core; calendar and inbox at
 * 390 px too.
 */
describe('the web UI, signed in through OpenID Connect', () => {
  const gatewayEnv: Record<string, string> = {};
  let idp: IdentityProvider;
  let browser: Browser;
  let admin: ApiClient;
  let environmentId: string;
  let intentId: string;
  const contexts: BrowserContext[] = [];

  // Registered before the suite's beforeAll, so the gateway starts with the provider's URLs.
  beforeAll(async () => {
    idp = await IdentityProvider.listen([ADMIN, REQUESTER, APPROVER, OUTSIDER]);
    Object.assign(gatewayEnv, {
      JWT_SECRET: '',
      JWT_JWKS_URL: idp.jwksUrl,
      JWT_ISSUER: idp.issuer,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: WEB_CLIENT_ID,
      OIDC_SCOPES: 'openid profile api',
      OIDC_RESOURCE: API_RESOURCE,
    });
  });

  // The notifications service may post to the spec's own receiver on 127.0.0.1.
  const suite = useApiSuite({ ...notificationsEnv(), gatewayEnv });
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    await idp.configure(suite.api.baseUrl);
    receiver = await WebhookReceiver.start();
    browser = await launchChromium();
    admin = suite.api;
    const asAdmin = { authorization: `Bearer ${idp.tokenFor(ADMIN)}` };
    const environment = await admin.post('/environments', {
      headers: asAdmin,
      body: {
        key: 'uat-payments',
        name: 'UAT Payments',
        tier: 'UAT',
        ownerGroup: 'payments',
        timezone: 'Europe/Berlin',
      },
    });
    expect({ status: environment.status, body: environment.body }).toMatchObject({ status: 201, body: {} });
    environmentId = environment.body.id;
    const booking = await admin.post('/bookings', {
      headers: asAdmin,
      body: {
        environmentId,
        start: at(20).toISOString(),
        end: at(23).toISOString(),
        group: 'qa',
        purpose: 'Release testing',
        priority: 'HIGH',
      },
    });
    expect(booking.status).toBe(201);
    process.stderr.write(`web UI screenshots: ${ARTIFACTS}\n`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
    await idp?.close();
    await receiver?.close();
  });

  async function signedIn(account: IdpAccount, width?: number): Promise<Page> {
    const context = await personBrowser(browser, width);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error (${account.sub}): ${error.message}\n`));
    await page.goto(suite.api.baseUrl);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.locator('input[name="login"]').fill(account.sub);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await visible(page.getByText(account.name), 15_000);
    return page;
  }

  async function accessible(page: Page, view: string): Promise<void> {
    await screenshot(page, view);
    expect({ view, violations: await seriousViolations(page) }).toEqual({ view, violations: [] });
  }

  it('hands the page its OIDC settings, and offers no development sign-in with a real key', async () => {
    const settings = await suite.api.get('/web/settings');
    expect(settings.body).toMatchObject({
      oidc: { issuer: idp.issuer, clientId: WEB_CLIENT_ID, resource: API_RESOURCE },
      developmentSignIn: false,
    });
    expect(
      (await suite.api.post('/web/dev-sign-in', { body: { sub: 'x', roles: ['admin'], groups: [] } })).status,
    ).toBe(404);
  });

  it("serves the app at / and at its deep links, and keeps every other path the API's 404 problem", async () => {
    for (const path of ['/', '/refreshes/anything', '/auth/callback']) {
      const response = await fetch(`${suite.api.baseUrl}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    for (const path of ['/api/v1/no-such-thing', '/no-such-page']) {
      const unknown = await fetch(`${suite.api.baseUrl}${path}`);
      expect({ path, status: unknown.status, type: unknown.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
  });

  it('lets a requester see the conflict before filing, take a free slot, and file once', async () => {
    const page = await signedIn(REQUESTER);
    await accessible(page, '01-requester-calendar');
    await page.getByRole('link', { name: 'File a refresh' }).click();
    await page.getByLabel('Start (your time)').fill(localInput(at(21)));
    await page.getByLabel('End (your time)').fill(localInput(at(25)));
    const conflicts = page.getByRole('list', { name: 'Conflicts of this window' });
    await containsText(conflicts, 'BOOKING OVERLAP', 15_000);
    await containsText(conflicts, 'BLOCKING');
    await accessible(page, '02-file-refresh-conflict');

    await page.getByRole('button', { name: /^Use / }).first().click();
    await visible(page.getByText('No conflicts: this window is free.'), 15_000);
    const start = await page.getByLabel('Start (your time)').inputValue();
    expect(Date.parse(`${start}:00Z`)).toBeGreaterThanOrEqual(at(23).getTime());
    // The API's problem shows next to the field it names.
    await page.getByRole('button', { name: 'File and submit for approval' }).click();
    await visible(page.locator('.field.invalid', { has: page.getByLabel('Reason') }).locator('.field-error'));
    expect(await page.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await accessible(page, '03-file-refresh-field-problem');
    await page.getByLabel('Reason').fill('Masked production data for the payments regression cycle');
    await accessible(page, '03-file-refresh-free-slot-ready');
    // A double click files one intent: the Idempotency-Key is the filing's, not the click's.
    await page.getByRole('button', { name: 'File and submit for approval' }).dblclick();
    await page.waitForURL(/\/refreshes\/[^/]+$/, { timeout: 15_000 });
    intentId = decodeURIComponent(page.url().split('/refreshes/')[1]);
    await containsText(page.locator('h1'), 'REQUESTED');
    await visible(page.getByText(/Audit chain intact/), 15_000);
    await accessible(page, '04-refresh-detail-requested');

    const mine = await admin.get('/intents', {
      headers: { authorization: `Bearer ${idp.tokenFor(ADMIN)}` },
      query: { environmentId, limit: 100 },
    });
    expect(mine.body.items).toHaveLength(1);
  });

  it("puts it in the approver's inbox, oldest first with its conflicts, and approves it there", async () => {
    const page = await signedIn(APPROVER);
    await page.getByRole('link', { name: 'Approvals' }).click();
    const item = page
      .locator('.inbox > li')
      .filter({ has: page.locator(`a[href="/refreshes/${intentId}"]`) });
    await visible(item, 15_000);
    await containsText(item, 'No open conflicts.');
    await accessible(page, '05-approver-inbox');
    await item.getByRole('button', { name: 'Approve' }).click();
    await counts(item, 0, 15_000);
    // The detail polls with If-None-Match: once nothing changes, the gateway answers 304.
    const notModified: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 304 && response.url().includes('/api/v1/')) notModified.push(response.url());
    });
    await page.goto(`${suite.api.baseUrl}/refreshes/${intentId}`);
    await containsText(page.locator('h1'), /APPROVED|SCHEDULED/, 15_000);
    await containsText(page.locator('h1'), 'SCHEDULED', 20_000);
    await accessible(page, '06-refresh-detail-scheduled');
    await eventually(
      () => expect(notModified.some((url) => url.includes(`/api/v1/intents/${intentId}`))).toBe(true),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  });

  it.each([
    ['requester', REQUESTER],
    ['approver', APPROVER],
  ])("shows the refresh on the %s's calendar (month and timeline)", async (who, account) => {
    const page = await signedIn(account);
    if (at(21).getUTCMonth() !== new Date().getUTCMonth())
      await page.getByRole('button', { name: 'Next month' }).click();
    await visible(page.locator('.fc-event.kind-refresh', { hasText: 'refresh of' }), 15_000);
    await visible(page.locator('.fc-event.kind-booking'));
    await accessible(page, `07-${who}-month`);
    await page.getByRole('button', { name: 'Timeline' }).click();
    const chip = page.locator(`.timeline a[href="/refreshes/${intentId}"]`).first();
    await visible(chip, 15_000);
    expect(await chip.getAttribute('title')).toMatch(/Europe\/Berlin/);
    await accessible(page, `08-${who}-timeline`);
  });

  it('shows an outsider none of it', async () => {
    const page = await signedIn(OUTSIDER);
    await counts(page.getByRole('link', { name: 'Approvals' }), 0);
    await counts(page.getByRole('link', { name: 'File a refresh' }), 0);
    await visible(page.locator('.fc'));
    await page.waitForLoadState('networkidle');
    await counts(page.locator('.fc-event.kind-refresh'), 0);
    await page.getByRole('button', { name: 'Timeline' }).click();
    await visible(page.locator('.timeline'));
    await counts(page.locator(`a[href="/refreshes/${intentId}"]`), 0);
    await page.goto(`${suite.api.baseUrl}/refreshes/${intentId}`);
    await containsText(page.getByRole('alert'), /not found/i, 15_000);
    await accessible(page, '09-outsider-detail-hidden');
  });

  it('lets a group member subscribe its group, send a test and read the delivery log', async () => {
    const page = await signedIn(REQUESTER);
    await page.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await page.getByLabel('Target (URL, or e-mail address)').fill('not a url');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await visible(
      page.locator('.field.invalid', { has: page.getByLabel('Target (URL, or e-mail address)') }),
    );
    await page.getByLabel('Target (URL, or e-mail address)').fill(receiver.url('qa-team'));
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await visible(page.getByText('Signing secret (shown once)'));
    await page.getByRole('button', { name: 'Send a test' }).click();
    await eventually(
      () =>
        expect(receiver.at('qa-team').map((request) => request.json?.type)).toContain('notification.test'),
      {
        timeoutMs: 15_000,
      },
    );
    await containsText(page.locator('.test-delivery'), /Test delivery: (PENDING|SENT)/);
    await page.getByRole('button', { name: 'Delivery log' }).click();
    await visible(page.getByRole('heading', { name: 'Delivery log' }));
    await accessible(page, '10-subscriptions');
  });

  it('keeps every other view accessible: bookings, my requests, subscriptions, admin', async () => {
    const requester = await signedIn(REQUESTER);
    for (const [link, name] of [
      ['Bookings', '10-bookings'],
      ['My requests', '11-my-requests'],
    ] as const) {
      await requester.getByRole('link', { name: link, exact: true }).click();
      await visible(requester.locator('main h1'));
      await requester.waitForLoadState('networkidle');
      await accessible(requester, name);
    }
    const adminPage = await signedIn(ADMIN);
    await adminPage.getByRole('link', { name: 'Admin' }).click();
    await visible(adminPage.getByRole('cell', { name: 'uat-payments' }), 15_000);
    await accessible(adminPage, '13-admin');
  });

  it('works at 390 px: the calendar and the inbox', async () => {
    const approver = await signedIn(APPROVER, 390);
    await visible(approver.locator('.fc'));
    if (at(21).getUTCMonth() === new Date().getUTCMonth())
      await visible(approver.locator('.fc-event.kind-refresh'), 15_000);
    expect(await overflowsSideways(approver)).toBe(false);
    await accessible(approver, '14-calendar-390');
    await approver.getByRole('link', { name: 'Approvals' }).click();
    await visible(approver.getByRole('heading', { name: 'Approvals inbox' }));
    expect(await overflowsSideways(approver)).toBe(false);
    await accessible(approver, '15-inbox-390');
  });
});
