/**
 * The call pages of the admin web UI against the real appliance in headless
 * Chromium: the feature-code list, an extension's call features saved through
 * the form and read back from the API, the calls page's empty states in both
 * languages, and an agent who sees none of these pages in the navigation.
 * Tests run in order and share one page, like one admin at the keyboard.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { type ApplianceProcess, startAppliance } from '../support/appliance-process';
import { launchBrowser, newPage, screenshot, stopAppliance } from './browser-harness';

const ADMIN = { username: 'admin', password: 'Adm1n-pass!x' };
const AGENT = { username: 'agent7', password: 'Calls-pass!77' };
const PROVISION = `
admin: { username: ${ADMIN.username}, password: "${ADMIN.password}" }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz" }
  - { number: "1003", name: "Carol", secret: "pw-1003-xyz" }
users:
  - { username: ${AGENT.username}, role: agent, password: "${AGENT.password}" }
`;

let browser: Browser;
let appliance: ApplianceProcess;
let page: Page;
let agentPage: Page | undefined;
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

function nav(on: Page, name: string) {
  return on.getByRole('navigation').getByRole('link', { name, exact: true });
}

beforeAll(
  async () => {
    browser = await launchBrowser();
    appliance = await startAppliance({ provision: PROVISION });
    page = await newPage(browser, pageErrors);
    await login(page, ADMIN);
  },
  { timeout: 120_000 },
);

afterAll(async () => {
  await stopAppliance(appliance, page, agentPage);
  await browser?.close();
}, 30_000);

describe('call pages', () => {
  test('lists the feature codes with their meaning and how to dial them', async () => {
    await nav(page, '功能码').click();
    await page.getByRole('heading', { name: '功能码', level: 1 }).waitFor();
    const dnd = page.getByRole('row').filter({ hasText: '*78' });
    await dnd.getByText('开启免打扰').waitFor();
    await page.getByRole('cell', { name: '遇忙转移（*90 + 号码）' }).waitFor();
    await page.getByText('例如拨 *721003').waitFor();
    await screenshot(page, 'feature-codes');
  }, 30_000);

  test('sets forward on busy of extension 1001 to 1003 and the API has it', async () => {
    await nav(page, '分机').click();
    await page.getByRole('link', { name: '1001', exact: true }).click();
    await page.getByRole('heading', { name: '编辑分机 1001', level: 1 }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop();

    const section = page.getByRole('region', { name: '呼叫设置' });
    const busy = section.getByLabel('遇忙转移到');
    await busy.waitFor();
    expect(await busy.inputValue()).toBe('');
    expect(await section.getByLabel('无应答等待时长（秒）').inputValue()).toBe('25');

    // A value the server would refuse is caught next to its field first.
    await busy.fill('10-03');
    await section.getByRole('button', { name: '保存呼叫设置' }).click();
    await section.getByText('号码只能包含数字、*、# 或 +，2–32 位').waitFor();

    await busy.fill('1003');
    await section.getByRole('button', { name: '保存呼叫设置' }).click();
    await page.getByText('已保存分机 1001 的呼叫设置。').waitFor();
    await screenshot(page, 'extension-call-features');

    const response = await page.request.get(url(`/api/extensions/${id}/features`));
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ forward_busy: '1003', forward_always: null, dnd: false, call_waiting: true });
  }, 30_000);

  test('shows the calls page with its empty states, in Chinese and English', async () => {
    await nav(page, '通话').click();
    await page.getByRole('heading', { name: '通话', level: 1 }).waitFor();
    await page.getByText('当前没有通话').waitFor();
    await page.getByText('还没有通话记录').waitFor();
    await screenshot(page, 'calls-empty');

    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    await page.getByText('No calls in progress').waitFor();
    await page.getByText('No call records yet').waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '通话', level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  test('an agent sees neither the calls nor the feature codes', async () => {
    agentPage = await newPage(browser, pageErrors);
    await login(agentPage, AGENT);
    await nav(agentPage, '首页').waitFor();
    expect(await nav(agentPage, '通话').count()).toBe(0);
    expect(await nav(agentPage, '功能码').count()).toBe(0);
    await agentPage.goto(url('/calls'));
    await agentPage.getByRole('heading', { name: '没有权限', level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
