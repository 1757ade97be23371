/**
 * Feature codes dialled from a phone (功能码). Data, so the web UI lists
 * exactly what the dial plan does.
 */
import type { CallFeaturesUpdate } from './call-features-repository.ts';
import type { AgentCode } from './queue-ports.ts';

export interface FeatureCode {
  code: string;
  /** Whether digits follow the code (the forwarding target). */
  takesNumber: boolean;
  description: { 'zh-CN': string; en: string };
  /** The change to the dialling extension's features, for a setting code. */
  apply?(argument: string): CallFeaturesUpdate;
  /** A service the box performs instead (echo test, voicemail retrieval: own mailbox or one asked for). */
  service?: 'echo' | 'voicemail-own' | 'voicemail-any';
  /** An agent's action from the keypad (the ACD's): log in (work number follows), log out, pause, available. */
  agent?: AgentCode;
}

export const FEATURE_CODES: readonly FeatureCode[] = [
  {
    code: '*43',
    takesNumber: false,
    description: { 'zh-CN': '回声测试：听到自己的声音即语音通路正常', en: 'Echo test: you hear yourself when the audio path works' },
    service: 'echo',
  },
  {
    code: '*78',
    takesNumber: false,
    description: { 'zh-CN': '开启免打扰', en: 'Do not disturb on' },
    apply: () => ({ dnd: true }),
  },
  {
    code: '*79',
    takesNumber: false,
    description: { 'zh-CN': '关闭免打扰', en: 'Do not disturb off' },
    apply: () => ({ dnd: false }),
  },
  {
    code: '*72',
    takesNumber: true,
    description: { 'zh-CN': '无条件转移到号码（*72 + 号码）', en: 'Forward all calls (*72 + number)' },
    apply: (n) => ({ forward_always: n }),
  },
  {
    code: '*73',
    takesNumber: false,
    description: { 'zh-CN': '取消无条件转移', en: 'Cancel forward all' },
    apply: () => ({ forward_always: null }),
  },
  {
    code: '*90',
    takesNumber: true,
    description: { 'zh-CN': '遇忙转移（*90 + 号码）', en: 'Forward on busy (*90 + number)' },
    apply: (n) => ({ forward_busy: n }),
  },
  {
    code: '*91',
    takesNumber: false,
    description: { 'zh-CN': '取消遇忙转移', en: 'Cancel forward on busy' },
    apply: () => ({ forward_busy: null }),
  },
  {
    code: '*92',
    takesNumber: true,
    description: { 'zh-CN': '无应答转移（*92 + 号码）', en: 'Forward on no answer (*92 + number)' },
    apply: (n) => ({ forward_no_answer: n }),
  },
  {
    code: '*93',
    takesNumber: false,
    description: { 'zh-CN': '取消无应答转移', en: 'Cancel forward on no answer' },
    apply: () => ({ forward_no_answer: null }),
  },
  {
    code: '*70',
    takesNumber: false,
    description: { 'zh-CN': '开启呼叫等待', en: 'Call waiting on' },
    apply: () => ({ call_waiting: true }),
  },
  {
    code: '*71',
    takesNumber: false,
    description: { 'zh-CN': '关闭呼叫等待', en: 'Call waiting off' },
    apply: () => ({ call_waiting: false }),
  },
  {
    code: '*97',
    takesNumber: false,
    description: { 'zh-CN': '收听本分机的语音留言', en: 'Listen to your own voicemail' },
    service: 'voicemail-own',
  },
  {
    code: '*98',
    takesNumber: false,
    description: { 'zh-CN': '收听任一语音信箱（需输入信箱号码和密码）', en: 'Listen to any mailbox (asks for the mailbox number and PIN)' },
    service: 'voicemail-any',
  },
  {
    code: '*60',
    takesNumber: true,
    description: { 'zh-CN': '坐席签入（*60 + 工号，再输入密码）', en: 'Agent log in (*60 + work number, then the PIN)' },
    agent: 'login',
  },
  {
    code: '*61',
    takesNumber: false,
    description: { 'zh-CN': '坐席签出', en: 'Agent log out' },
    agent: 'logout',
  },
  {
    code: '*62',
    takesNumber: false,
    description: { 'zh-CN': '坐席示忙', en: 'Agent pause (not ready)' },
    agent: 'pause',
  },
  {
    code: '*63',
    takesNumber: false,
    description: { 'zh-CN': '坐席示闲', en: 'Agent available' },
    agent: 'available',
  },
];
