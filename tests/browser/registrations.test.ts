/**
 * Registration status and SIP security in the admin web UI, against the real
 * appliance in headless Chromium, with a real phone: the test registers
 * extension 1001 over UDP with Digest and watches the extensions page follow
 * it live (no reload, well within the 30 s fallback poll). Then the SIP
 * security page: the empty state, a scanner's ban arriving live, what a
 * supervisor and an agent may see, and lifting the ban after confirmation.
 * Tests in a describe run in order and share one page, like one admin at the keyboard.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { type ApplianceProcess, startAppliance } from '../support/appliance-process';
import { launchBrowser, newPage, screenshot, stopAppliance } from './browser-harness';
import { SipTestPhone } from './sip-test-phone';

const ADMIN = { username: 'admin', password: 'Adm1n-pass!x' };
const SUPERVISOR = { username: 'lead', password: 'Floor-pass!42' };
const AGENT = { username: 'agent7', password: 'Calls-pass!77' };
const PROVISION = `
admin: { username: ${ADMIN.username}, password: "${ADMIN.password}" }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz" }
  - { number: "1002", name: "Bob", secret: "pw-1002-xyz" }
users:
  - { username: ${SUPERVISOR.username}, role: supervisor, password: "${SUPERVISOR.password}" }
  - { username: ${AGENT.username}, role: agent, password: "${AGENT.password}" }
`;
/** Well under the 30 s poll: a change seen within this came through the event stream. */
const LIVE_MS = 8_000;

let browser: Browser;
let appliance: ApplianceProcess;
let page: Page;
let phone: SipTestPhone;
const pageErrors: string[] = [];

function url(path: string): string {
  return new URL(path, appliance.httpUrl).href;
}

async function login(on: Page, user: { username: string; password: string }): Promise<void> {
  await on.goto(url('/login'));
  await on.getByLabel('用户名', { exact: true }).fill(user.username);
  await on.getByLabel('密码', { exact: true }).fill(user.password);
  await on.getByLabel('密码', { exact: true }).press('Enter');
  await on.getByRole('heading', { name: '首页', level: 1 }).waitFor();
}

function row(number: string) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
}

/** Set once; still there later means the page was never reloaded. */
async function markPage(): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
}

async function stillSamePage(): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

beforeAll(
  async () => {
    browser = await launchBrowser();
    appliance = await startAppliance({ provision: PROVISION });
    const refused = appliance.records().find((record) => record.msg === 'provisioning file refused');
    if (refused) throw new Error(`provisioning refused: ${String(refused.reason)}`);
    page = await newPage(browser, pageErrors);
    phone = await SipTestPhone.open({ extension: '1001', password: 'pw-1001-xyz', registrarPort: appliance.sipPort });
  },
  { timeout: 120_000 },
);

afterAll(async () => {
  phone?.close();
  await stopAppliance(appliance, page);
  await browser?.close();
}, 30_000);

describe('registration status', () => {
  test('lists extensions as not registered before any phone registers', async () => {
    await login(page, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: '分机' }).click();
    await page.getByRole('columnheader', { name: '注册状态' }).waitFor();
    await row('1001').getByText('未注册', { exact: true }).waitFor();
    await row('1002').getByText('未注册', { exact: true }).waitFor();
    await markPage();
    await screenshot(page, 'registrations-none');
  }, 60_000);

  test('a phone registering over UDP turns 1001 green without a reload', async () => {
    expect(await phone.register(300)).toBe(200);

    await row('1001').getByText('已注册 · 1').waitFor({ timeout: LIVE_MS });
    expect(await stillSamePage()).toBe(true);
    await row('1002').getByText('未注册', { exact: true }).waitFor();

    // Hovering names the contact; opening the badge lists it.
    const summary = row('1001').locator('summary');
    expect(await summary.getAttribute('title')).toContain(`127.0.0.1:${phone.localPort} · UDP · browser-test softphone`);
    await summary.click();
    const details = row('1001').locator('details');
    await details.getByText(`127.0.0.1:${phone.localPort}`, { exact: true }).waitFor();
    await details.getByText('browser-test softphone').waitFor();
    await details.getByText(phone.contact).waitFor();
    await screenshot(page, 'registrations-registered');

    const response = await page.request.get(url('/api/registrations'));
    const { items } = await response.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ extension: '1001', contacts: [{ source: `127.0.0.1:${phone.localPort}`, transport: 'udp' }] });
  }, 60_000);

  test('shows the registration column in English too', async () => {
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('columnheader', { name: 'Registration' }).waitFor();
    await row('1001').getByText('Registered · 1').waitFor();
    await row('1002').getByText('Not registered', { exact: true }).waitFor();
    await screenshot(page, 'registrations-registered-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('columnheader', { name: '注册状态' }).waitFor();
  }, 60_000);

  test('the edit page lists the current registration', async () => {
    await row('1001').getByRole('link', { name: '1001', exact: true }).click();
    await page.getByRole('heading', { name: '编辑分机 1001', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: '当前注册' });
    await section.getByText(`127.0.0.1:${phone.localPort}`, { exact: true }).waitFor();
    await section.getByText('UDP', { exact: true }).waitFor();
    await section.getByText('browser-test softphone').waitFor();
    await screenshot(page, 'extension-edit-registrations');

    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('heading', { name: '分机', level: 1 }).waitFor();
  }, 60_000);

  test('un-registering (Expires: 0) turns 1001 back to not registered, live', async () => {
    await row('1001').getByText('已注册 · 1').waitFor();
    expect(await phone.register(0)).toBe(200);

    await row('1001').getByText('未注册', { exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await stillSamePage()).toBe(true);
    await screenshot(page, 'registrations-unregistered');
    const { items } = await (await page.request.get(url('/api/registrations'))).json();
    expect(items).toEqual([]);
  }, 60_000);

  test('the home page event log describes both, from the one event stream', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    const log = page.getByRole('region', { name: '实时事件' });
    await log.getByText(`分机 1001 已注册，来自 127.0.0.1:${phone.localPort}（UDP）`).waitFor();
    await log.getByText(`分机 1001 已注销（${phone.contact}）`).waitFor();
    await screenshot(page, 'home-events-registrations');
  }, 60_000);
});

describe('SIP security', () => {
  let supervisorPage: Page | undefined;

  afterAll(() => supervisorPage?.context().close());

  test('starts with no banned addresses', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'SIP 安全' }).click();
    await page.getByRole('heading', { name: 'SIP 安全', level: 1 }).waitFor();
    await page.getByText('没有被封禁的地址').waitFor();
    await markPage();
    await screenshot(page, 'sip-security-empty');
  }, 60_000);

  test("a scanner's ban shows up live, and the SIP port stops answering 127.0.0.1", async () => {
    const scanner = await SipTestPhone.open({
      extension: '1002',
      password: 'wrong',
      registrarPort: appliance.sipPort,
      userAgent: 'friendly-scanner',
    });
    try {
      // A scanner gets no answer at all, and its address is banned at once.
      expect(await scanner.probe(600)).toBeNull();
    } finally {
      scanner.close();
    }
    const banned = page.getByRole('row').filter({ hasText: '127.0.0.1' });
    await banned.getByText('扫描工具（User-Agent：friendly-scanner）').waitFor({ timeout: LIVE_MS });
    expect(await stillSamePage()).toBe(true);
    expect(await phone.probe(600)).toBeNull();
    await screenshot(page, 'sip-security-banned');
  }, 60_000);

  test('a supervisor (system.read, no settings.write) sees the ban but cannot lift it', async () => {
    supervisorPage = await newPage(browser, pageErrors);
    const on = supervisorPage;
    await login(on, SUPERVISOR);
    await on.getByRole('navigation').getByRole('link', { name: 'SIP 安全' }).click();
    await on.getByRole('row').filter({ hasText: '127.0.0.1' }).waitFor();
    expect(await on.getByRole('button', { name: /解除封禁/ }).count()).toBe(0);
    await screenshot(on, 'sip-security-supervisor');
  }, 60_000);

  test('lifts the ban after confirmation, and the SIP port answers again', async () => {
    const banned = page.getByRole('row').filter({ hasText: '127.0.0.1' });
    await banned.getByRole('button', { name: /解除封禁/ }).click();
    const dialog = page.getByRole('dialog', { name: '解除对 127.0.0.1 的封禁？' });
    await dialog.waitFor();
    await screenshot(page, 'sip-security-lift-dialog');
    // Esc cancels and the ban stays.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await (await page.request.get(url('/api/sip/bans'))).json()).items).toHaveLength(1);

    await banned.getByRole('button', { name: /解除封禁/ }).click();
    await dialog.getByRole('button', { name: '解除封禁' }).click();
    await page.getByText('已解除对 127.0.0.1 的封禁。').waitFor();
    await page.getByText('没有被封禁的地址').waitFor();
    await screenshot(page, 'sip-security-lifted');
    expect((await (await page.request.get(url('/api/sip/bans'))).json()).items).toEqual([]);
    expect(await phone.probe(2_000)).toBe(401);

    // The supervisor's page followed without a reload.
    await supervisorPage?.getByText('没有被封禁的地址').waitFor({ timeout: LIVE_MS });
  }, 60_000);

  test('a user without system.read sees no SIP security item and cannot open the page', async () => {
    const on = await newPage(browser, pageErrors);
    try {
      await login(on, AGENT);
      const nav = on.getByRole('navigation');
      await nav.getByRole('link', { name: '首页' }).waitFor();
      expect(await nav.getByRole('link', { name: 'SIP 安全' }).count()).toBe(0);
      await on.goto(url('/sip-security'));
      await on.getByRole('heading', { name: '没有权限', level: 1 }).waitFor();
      await screenshot(on, 'sip-security-forbidden');
    } finally {
      await on.context().close();
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
