/**
 * The admin web UI against the real appliance in headless Chromium: login,
 * language switch, the extension create → duplicate → delete cycle, live
 * events, and first-run setup on an appliance started without provisioning.
 * Tests in a describe run in order and share one page, like one admin at the keyboard.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { startAppliance } from '../support/appliance-process';
import { launchBrowser, newPage as openPage, screenshot, stopAppliance } from './browser-harness';

const ADMIN = { username: 'admin', password: 'Adm1n-pass!x' };
const PROVISION = `admin: { username: ${ADMIN.username}, password: "${ADMIN.password}" }\n`;

type Appliance = Awaited<ReturnType<typeof startAppliance>>;

let browser: Browser;
let appliance: Appliance;
let page: Page;
const pageErrors: string[] = [];

function shot(name: string, on: Page = page): Promise<Buffer> {
  return screenshot(on, name);
}

function newPage(): Promise<Page> {
  return openPage(browser, pageErrors);
}

function url(path: string): string {
  return new URL(path, appliance.httpUrl).href;
}

async function extensionsFromApi(): Promise<{ number: string; name: string; has_secret: boolean }[]> {
  const response = await page.request.get(url('/api/extensions'));
  expect(response.status()).toBe(200);
  return (await response.json()).items;
}

beforeAll(
  async () => {
    browser = await launchBrowser();
  },
  { timeout: 120_000 },
);

afterAll(() => browser?.close(), { timeout: 30_000 });

describe('admin web UI', () => {
  beforeAll(
    async () => {
      appliance = await startAppliance({ provision: PROVISION });
      page = await newPage();
    },
    { timeout: 60_000 },
  );

  afterAll(() => stopAppliance(appliance, page), { timeout: 30_000 });

  test('sends a visitor to the login page and logs in with Enter', async () => {
    await page.goto(url('/extensions'));
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot('login');

    await page.getByLabel('用户名', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('alert').getByText('用户名或密码错误。').waitFor();

    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    // Back where the visitor was going, inside the signed-in layout.
    await page.getByRole('heading', { name: '分机', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/extensions');
    await page.getByRole('banner').getByText('呼叫中心一体机').waitFor();
  }, 60_000);

  test('shows the home page with health in zh-CN', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    await page.getByRole('heading', { name: '首页', level: 1 }).waitFor();
    await page.getByText('正常', { exact: true }).waitFor();
    await shot('home');
  }, 60_000);

  test('switches to English, keeps it across a reload, and back to Chinese', async () => {
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('banner').getByText('Call Center Appliance').waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await shot('home-en');

    await page.reload();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '首页', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  }, 60_000);

  test('creates extension 1001 "Alice" through the form', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '分机' }).click();
    await page.getByText('还没有分机').waitFor();
    await shot('extensions-empty');

    await page.getByRole('link', { name: '新建分机' }).click();
    await page.getByRole('heading', { name: '新建分机', level: 1 }).waitFor();

    // Saving the empty form shows inline messages and keeps the user on the page.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('分机号必须是 2–8 位数字').waitFor();
    await page.getByText('SIP 密码长度为 8–64 个字符').waitFor();
    expect(await page.getByLabel('分机号').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('分机号').fill('1001');
    await page.getByLabel('名称').fill('Alice');
    await page.getByRole('button', { name: '随机生成' }).click();
    expect(await page.getByLabel('SIP 密码').inputValue()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await shot('extension-form');
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByText('已新建分机 1001。').waitFor();
    const row = page.getByRole('row').filter({ hasText: '1001' });
    await row.getByText('Alice').waitFor();
    await shot('extensions-list');

    const items = await extensionsFromApi();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ number: '1001', name: 'Alice', has_secret: true });
  }, 60_000);

  test('explains a duplicate number next to the field', async () => {
    await page.getByRole('link', { name: '新建分机' }).click();
    await page.getByLabel('分机号').fill('1001');
    await page.getByLabel('名称').fill('Alice again');
    await page.getByRole('button', { name: '随机生成' }).click();
    await page.getByLabel('名称').press('Enter');

    await page.getByText('分机号 1001 已被使用').waitFor();
    expect(await page.getByLabel('分机号').getAttribute('aria-invalid')).toBe('true');
    const alert = await page.getByRole('alert').textContent();
    expect(alert).not.toContain('{');
    await shot('extension-conflict');

    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('heading', { name: '分机', level: 1 }).waitFor();
    expect(await extensionsFromApi()).toHaveLength(1);
  }, 60_000);

  test('deletes the extension after confirmation', async () => {
    const row = page.getByRole('row').filter({ hasText: '1001' });
    await row.getByRole('button', { name: /删除/ }).click();

    const dialog = page.getByRole('dialog', { name: '删除分机 1001？' });
    await dialog.waitFor();
    await shot('extension-delete-dialog');
    // Esc cancels and nothing is deleted.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await extensionsFromApi()).toHaveLength(1);

    await row.getByRole('button', { name: /删除/ }).click();
    await dialog.getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除分机 1001。').waitFor();
    await page.getByText('还没有分机').waitFor();
    expect(await extensionsFromApi()).toHaveLength(0);
  }, 60_000);

  test('shows configuration changes in the live event log on the home page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    await page.getByRole('heading', { name: '实时事件' }).waitFor();
    await page.getByText('已连接', { exact: true }).waitFor();

    const created = await page.request.post(url('/api/extensions'), {
      data: { number: '1002', name: 'Bob', secret: 'pw-1002-xyz' },
    });
    expect(created.status()).toBe(201);
    await page.getByText('分机 1002 已新建').first().waitFor();
    await shot('home-events');

    const { item } = await created.json();
    expect((await page.request.delete(url(`/api/extensions/${item.id}`))).status()).toBe(204);
  }, 60_000);

  test('shows the trunk and user pages', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '中继' }).click();
    await page.getByRole('heading', { name: '中继', level: 1 }).waitFor();
    await page.getByRole('link', { name: '新建中继' }).click();
    await page.getByLabel('主机地址').waitFor();
    expect(await page.getByLabel('端口').inputValue()).toBe('5060');
    await shot('trunk-form');

    await page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await page.getByRole('row').filter({ hasText: ADMIN.username }).waitFor();
    await shot('users-list');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('first-run setup', () => {
  let fresh: Appliance;
  let setupPage: Page;

  beforeAll(
    async () => {
      fresh = await startAppliance();
      setupPage = await newPage();
    },
    { timeout: 60_000 },
  );

  afterAll(() => stopAppliance(fresh, setupPage), { timeout: 30_000 });

  test('creates the first administrator with the token from the log and signs in', async () => {
    const link = /\/setup\?token=([\w-]+)/.exec(fresh.log());
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    // Any page leads to setup, and the token in the URL fills the form.
    await setupPage.goto(new URL(`/?token=${token}`, fresh.httpUrl).href);
    await setupPage.getByRole('heading', { name: '首次设置' }).waitFor();
    expect(await setupPage.getByLabel('初始化令牌').inputValue()).toBe(token);

    await setupPage.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await setupPage.getByLabel('确认密码').fill('not-the-same-1');
    await setupPage.getByLabel('确认密码').press('Enter');
    await setupPage.getByText('两次输入的密码不一致').waitFor();

    await setupPage.getByLabel('确认密码').fill(ADMIN.password);
    await setupPage.getByLabel('显示名称').fill('系统管理员');
    await shot('setup', setupPage);
    await setupPage.getByLabel('显示名称').press('Enter');
    await setupPage.getByRole('heading', { name: '首页', level: 1 }).waitFor();
    await setupPage.getByText('当前用户：系统管理员').waitFor();

    const setup = await setupPage.request.get(new URL('/api/auth/setup', fresh.httpUrl).href);
    expect(await setup.json()).toEqual({ required: false });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
