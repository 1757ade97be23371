/**
 * The routing pages of the admin web UI against the real appliance in
 * headless Chromium: each new page opens from the navigation; an inbound
 * route to an IVR is created through the form and tested with "test a
 * number"; an IVR flow with a broken edge is checked and its node and
 * reason shown; a two-line blacklist CSV is imported and a bad one refused
 * line by line; an outbound route gets two trunks in order; an extension's
 * call permission is saved. Tests run in order and share one page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser, Page } from 'playwright-core';
import { type ApplianceProcess, freePort, startAppliance } from '../support/appliance-process';
import { launchBrowser, newPage, screenshot, stopAppliance } from './browser-harness';

const ADMIN = { username: 'admin', password: 'Adm1n-pass!x' };
const PROVISION = `
admin: { username: ${ADMIN.username}, password: "${ADMIN.password}" }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz" }
  - { number: "1002", name: "Bob", secret: "pw-1002-xyz" }
trunks:
  - { name: carrier, type: sip, host: 127.0.0.1, port: 5090 }
  - { name: backup, type: sip, host: 127.0.0.1, port: 5092 }
queues:
  - { number: "6001", name: "Service", strategy: round_robin, agents: ["1002"], ring_timeout: 15, max_wait: 120 }
ivrs:
  - { name: main, greeting: { tts: "欢迎致电。咨询请按 1。" }, options: { "1": { queue: "6001" } }, timeout: 5 }
time_conditions:
  - { name: business-hours, weekly: { mon: ["09:00-18:00"], tue: ["09:00-18:00"] } }
`;

let browser: Browser;
let appliance: ApplianceProcess;
let page: Page;
let csvDir: string;
/** Nothing listens there: the test email fails at once. */
let closedPort: number;
const pageErrors: string[] = [];

function url(path: string): string {
  return new URL(path, appliance.httpUrl).href;
}

function nav(name: string) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}

async function fromApi<T>(path: string): Promise<T> {
  const response = await page.request.get(url(path));
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

beforeAll(
  async () => {
    browser = await launchBrowser();
    appliance = await startAppliance({ provision: PROVISION });
    page = await newPage(browser, pageErrors);
    csvDir = mkdtempSync(join(tmpdir(), 'blacklist-csv-'));
    closedPort = await freePort();
    await page.goto(url('/login'));
    await page.getByLabel('用户名', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: '首页', level: 1 }).waitFor();
  },
  { timeout: 120_000 },
);

afterAll(async () => {
  await stopAppliance(appliance, page);
  await browser?.close();
  if (csvDir) rmSync(csvDir, { recursive: true, force: true });
}, 30_000);

describe('routing pages', () => {
  test('every new page opens from the grouped navigation', async () => {
    const pages: [string, string][] = [
      ['中继', '中继'],
      ['呼入路由', '呼入路由'],
      ['呼出路由', '呼出路由'],
      ['语音导航 (IVR)', '语音导航 (IVR)'],
      ['时间条件', '时间条件'],
      ['黑名单', '黑名单'],
      ['语音信箱', '语音信箱'],
    ];
    for (const [link, heading] of pages) {
      await nav(link).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    }
    await page.getByRole('navigation').getByText('线路与路由').waitFor();
    // The mailbox of each extension is listed with its counts.
    await page.getByRole('row').filter({ hasText: '1001' }).getByText('Alice').waitFor();
    await nav('时间条件').click();
    await page.getByRole('row').filter({ hasText: 'business-hours' }).getByText('周一至周二 09:00-18:00').waitFor();
    await nav('中继').click();
    await page.getByRole('columnheader', { name: '实时状态' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'carrier' }).getByText('无需注册').waitFor();
    await shot('trunks-status');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  test('creates an inbound route to an IVR with an after-hours number, and tests a call against it', async () => {
    await nav('呼入路由').click();
    await page.getByRole('link', { name: '新建呼入路由' }).click();
    await page.getByRole('heading', { name: '新建呼入路由', level: 1 }).waitFor();

    // An empty DID is refused next to the field.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请输入最多 20 位数字').waitFor();

    await page.getByLabel('被叫号码 (DID)').fill('02150001234');
    const destination = page.getByRole('group', { name: '目的地', exact: true });
    await destination.getByLabel('目的地类型').selectOption('ivr');
    await destination.getByLabel('IVR 名称').fill('main');
    await page.getByLabel('时间条件', { exact: true }).selectOption('business-hours');
    // A time condition needs somewhere to go after hours.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('使用时间条件时，至少需要一个下班时间目的地').waitFor();
    await page.getByRole('button', { name: '添加目的地' }).click();
    const afterHours = page.getByRole('group', { name: '第 1 个下班时间目的地' });
    await afterHours.getByLabel('外部号码').fill('13800138000');
    await page.getByLabel('接通人工前播放“本次通话可能会被录音”').check();
    await shot('inbound-route-form');
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByText('已新建呼入路由 02150001234。').waitFor();
    const row = page.getByRole('row').filter({ hasText: '02150001234' });
    await row.getByText('语音导航 (IVR) main').waitFor();
    await row.getByText('business-hours：外部号码 13800138000').waitFor();
    const { items } = await fromApi<{ items: unknown[] }>('/api/inbound-routes');
    expect(items).toEqual([
      expect.objectContaining({
        did: '02150001234',
        destination: { ivr: 'main' },
        time_condition: 'business-hours',
        after_hours: [{ external: '13800138000' }],
        announce_recording: true,
      }),
    ]);

    const box = page.getByRole('region', { name: '测试号码' });
    await box.getByLabel('被叫号码 (DID)').fill('02150001234');
    await box.getByLabel('主叫号码').fill('13900139000');
    await box.getByRole('button', { name: '测试' }).click();
    // Open or closed depends on when the test runs; either way one of the two goes first.
    await box.getByText(/依次转到：(语音导航 \(IVR\) main|外部号码 13800138000)/).waitFor();
    await box.getByText('接通人工前播放录音提示').waitFor();
    await shot('inbound-routes');
  }, 60_000);

  test('shows each problem of an IVR flow as node and reason, then saves the fixed flow as a new version', async () => {
    await nav('语音导航 (IVR)').click();
    await page.getByRole('row').filter({ hasText: 'main' }).getByText('简单菜单').waitFor();
    await page.getByRole('link', { name: 'main', exact: true }).click();
    await page.getByRole('heading', { name: '编辑 IVR main', level: 1 }).waitFor();
    // The menu form shows the provisioned greeting and key.
    expect(await page.getByLabel('欢迎语').inputValue()).toBe('欢迎致电。咨询请按 1。');

    await page.getByLabel('JSON（菜单或流程）').check();
    const flow = {
      language: 'zh',
      flow: {
        start: 'welcome',
        nodes: {
          welcome: { type: 'play', prompt: { tts: '您好' }, next: 'nowhere' },
          service: { type: 'goto', destination: { queue: '6001' } },
        },
      },
    };
    await page.getByLabel('IVR 定义（JSON）').fill(JSON.stringify(flow, null, 2));
    await page.getByRole('button', { name: '检查' }).click();
    const issues = page.getByRole('table', { name: /发现 \d+ 个问题/ });
    await issues.getByRole('row').filter({ hasText: '节点 welcome' }).getByText('next: no node nowhere').waitFor();
    await issues.getByRole('row').filter({ hasText: '节点 service' }).getByText('unreachable from the start node').waitFor();
    await shot('ivr-issues');

    // Saving the same flow is refused and shows the same rows.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('服务器未保存：这个 IVR 有以下问题。').waitFor();
    await issues.getByRole('row').filter({ hasText: '节点 welcome' }).waitFor();

    flow.flow.nodes.welcome.next = 'service';
    await page.getByLabel('IVR 定义（JSON）').fill(JSON.stringify(flow, null, 2));
    await page.getByRole('button', { name: '检查' }).click();
    await page.getByText('检查通过，没有发现问题。').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存 IVR main。').waitFor();
    await page.getByRole('row').filter({ hasText: 'main' }).getByText('流程').waitFor();

    await page.getByRole('link', { name: 'main', exact: true }).click();
    await page.getByText('版本 2 ·').waitFor();
    await page.getByText('版本 1 ·').waitFor();
    const versions = await fromApi<{ items: { version: number }[] }>('/api/ivrs/1/versions');
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
  }, 60_000);

  test('imports a two-line blacklist CSV, and refuses a bad one naming its line', async () => {
    await nav('黑名单').click();
    await page.getByText('黑名单是空的').waitFor();
    const good = join(csvDir, 'good.csv');
    writeFileSync(good, 'number,direction,action,note\n13800138000,inbound,reject,骚扰电话\n0571*,both,hangup,\n');
    await page.getByLabel('CSV 文件').setInputFiles(good);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('导入完成：新增 2 个，更新 0 个，未变 0 个。').waitFor();
    await page.getByRole('row').filter({ hasText: '13800138000' }).getByText('骚扰电话').waitFor();
    await page.getByRole('row').filter({ hasText: '0571*' }).getByText('前缀').waitFor();
    const { items } = await fromApi<{ items: { number: string }[] }>('/api/blacklist');
    expect(items.map((item) => item.number).sort()).toEqual(['0571*', '13800138000']);

    const bad = join(csvDir, 'bad.csv');
    writeFileSync(bad, 'number,direction\n13900139000,inbound\nnot-a-number,inbound\n');
    await page.getByLabel('CSV 文件').setInputFiles(bad);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('list', { name: '导入错误' }).getByText(/^第 3 行：/).waitFor();
    await shot('blacklist');
    expect((await fromApi<{ items: unknown[] }>('/api/blacklist')).items).toHaveLength(2);
  }, 60_000);

  test('creates an outbound route over two trunks in failover order', async () => {
    await nav('呼出路由').click();
    await page.getByRole('link', { name: '新建呼出路由' }).click();
    await page.getByLabel('号码规则').fill('9X.');
    await page.getByLabel('删除前几位').fill('1');
    await page.getByLabel('要添加的中继').selectOption('carrier');
    await page.getByRole('button', { name: '添加中继' }).click();
    await page.getByLabel('要添加的中继').selectOption('backup');
    await page.getByRole('button', { name: '添加中继' }).click();
    // backup first: move it up.
    await page.getByRole('button', { name: '上移中继 backup' }).click();
    await shot('outbound-route-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新建呼出路由 9X.。').waitFor();
    await page.getByRole('row').filter({ hasText: '9X.' }).getByText('backup → carrier').waitFor();

    const box = page.getByRole('region', { name: '测试号码' });
    await box.getByLabel('拨打的号码').fill('913800138000');
    await box.getByRole('button', { name: '测试' }).click();
    await box.getByText('依次经中继：backup → carrier').waitFor();
    await box.getByText('送给运营商的号码：13800138000').waitFor();

    // With the box's area code set, a number in that area is local rather than long distance.
    // (0571 numbers are blacklisted by the import above, so another area.)
    await box.getByLabel('拨打的号码').fill('9051088886666');
    await box.getByRole('button', { name: '测试' }).click();
    await box.getByText('号码类型：国内长途').waitFor();
    const settings = page.getByRole('region', { name: '本机区号与手机号段' });
    await settings.getByLabel('本机区号').fill('0510');
    await settings.getByRole('button', { name: '保存区号' }).click();
    await page.getByText('已保存本机区号。').waitFor();
    await box.getByRole('button', { name: '测试' }).click();
    await box.getByText('号码类型：市话').waitFor();
  }, 60_000);

  test('edits a time condition: Monday copied to the week, a holiday range and a make-up working day', async () => {
    await nav('时间条件').click();
    await page.getByRole('link', { name: 'business-hours', exact: true }).click();
    await page.getByRole('heading', { name: '编辑时间条件 business-hours', level: 1 }).waitFor();
    await page.getByLabel('周一').fill('9:00-12:00，13:30-18:00');
    await page.getByRole('button', { name: '把周一的时间复制到周二至周五' }).click();
    await page.getByRole('button', { name: '添加节假日' }).click();
    await page.getByLabel('第 1 个节假日 日期').fill('2025-10-01');
    await page.getByLabel('第 1 个节假日 结束日期').fill('2025-10-08');
    await page.getByLabel('第 1 个节假日 名称').fill('国庆节');
    await page.getByRole('button', { name: '添加调休上班日' }).click();
    await page.getByLabel('第 1 个调休上班日 日期').fill('2025-10-03');
    // A make-up day inside the holiday is refused with the row named.
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('第 1 行：这一天也在节假日中').waitFor();
    await page.getByLabel('第 1 个调休上班日 日期').fill('2025-09-28');
    await shot('time-condition-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存时间条件 business-hours。').waitFor();
    await page.getByRole('row').filter({ hasText: 'business-hours' }).getByText('周一至周五 09:00-12:00, 13:30-18:00').waitFor();
    const { items } = await fromApi<{ items: Record<string, unknown>[] }>('/api/time-conditions');
    expect(items[0]).toMatchObject({
      weekly: { fri: ['09:00-12:00', '13:30-18:00'] },
      holidays: [{ date: '2025-10-01', end: '2025-10-08', name: '国庆节' }],
      workdays: [{ date: '2025-09-28' }],
    });
  }, 60_000);

  test('creates a simple-menu IVR through the friendly form', async () => {
    await nav('语音导航 (IVR)').click();
    await page.getByRole('link', { name: '新建 IVR' }).click();
    await page.getByLabel('名称').fill('sales');
    await page.getByLabel('欢迎语').fill('销售咨询请按 1，人工服务请按 2。');
    await page.getByRole('group', { name: '按 1 转到' }).getByLabel('队列号').fill('6001');
    await page.getByRole('button', { name: '添加按键' }).click();
    const second = page.getByRole('group', { name: '按 2 转到' });
    await second.getByLabel('目的地类型').selectOption('extension');
    await second.getByLabel('分机号').fill('1001');
    await shot('ivr-menu-form');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新建 IVR sales。').waitFor();
    const { items } = await fromApi<{ items: { name: string; definition: unknown }[] }>('/api/ivrs');
    expect(items.find((item) => item.name === 'sales')?.definition).toMatchObject({
      greeting: { tts: '销售咨询请按 1，人工服务请按 2。' },
      options: { '1': { queue: '6001' }, '2': { extension: '1001' } },
      timeout: 5,
    });
  }, 60_000);

  test('sets a mailbox PIN', async () => {
    await nav('语音信箱').click();
    await page.getByRole('link', { name: '1001', exact: true }).click();
    await page.getByRole('heading', { name: '信箱 1001（Alice）', level: 1 }).waitFor();
    await page.getByText('这个信箱没有留言').waitFor();
    await page.getByLabel('新 PIN').fill('12');
    await page.getByRole('button', { name: '设置 PIN' }).click();
    await page.getByText('PIN 必须是 4–8 位数字').waitFor();
    await page.getByLabel('新 PIN').fill('2468');
    await page.getByRole('button', { name: '设置 PIN' }).click();
    await page.getByText('已设置信箱 1001 的新 PIN。').waitFor();
    await shot('mailbox');
    expect(await fromApi<{ has_pin: boolean }>('/api/voicemail/mailboxes/1001')).toMatchObject({ has_pin: true });
  }, 60_000);

  test('saves the SMTP settings and reports why a test email failed', async () => {
    await nav('语音信箱').click();
    const smtp = page.getByRole('region', { name: '邮件通知' });
    await smtp.getByLabel('SMTP 服务器').fill('127.0.0.1');
    await smtp.getByLabel('端口').fill(String(closedPort));
    await smtp.getByLabel('加密方式').selectOption('none');
    await smtp.getByLabel('发件人地址').fill('voicemail@example.com');
    await smtp.getByRole('button', { name: '保存邮件设置' }).click();
    await page.getByText('已保存邮件通知设置。').waitFor();
    await smtp.getByLabel('测试收件地址').fill('owner@example.com');
    await smtp.getByRole('button', { name: '发送测试邮件' }).click();
    await smtp.getByText(/^发送失败：/).waitFor();
    await shot('voicemail');
    expect(await fromApi('/api/voicemail/smtp')).toMatchObject({ host: '127.0.0.1', port: closedPort, secure: 'none', has_password: false });
  }, 60_000);

  test('the new pages speak English too', async () => {
    await page.getByLabel('语言').selectOption('en');
    await nav('Inbound routes').click();
    await page.getByRole('heading', { name: 'Inbound routes', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: '02150001234' }).getByText('IVR main').waitFor();
    await nav('Time conditions').click();
    await page.getByRole('row').filter({ hasText: 'business-hours' }).getByText('Mon–Fri 09:00-12:00, 13:30-18:00').waitFor();
    await shot('time-conditions-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '时间条件', level: 1 }).waitFor();
  }, 60_000);

  test('saves an extension’s call permission', async () => {
    await nav('分机').click();
    await page.getByRole('link', { name: '1001', exact: true }).click();
    await page.getByLabel('呼出权限').selectOption('local');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存分机 1001。').waitFor();
    const { items } = await fromApi<{ items: { number: string; call_permission: string }[] }>('/api/extensions');
    expect(items.find((item) => item.number === '1001')?.call_permission).toBe('local');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

function shot(name: string): Promise<Buffer> {
  return screenshot(page, `routing-${name}`);
}
