/**
 * Every sentence voicemail speaks, in Chinese and English, in one place.
 * A prompt is text plus values read out by the speech engine (an
 * extension's digits, a count, a date); the player turns it into files.
 */

export type PromptLanguage = 'zh' | 'en';
export type SayKind = 'digits' | 'number' | 'date' | 'time';

/** Text spoken as is, or a value read out in the prompt's language. */
export type Segment = string | { say: SayKind; value: string };
export type Prompt = (language: PromptLanguage) => Segment[];

const plain =
  (zh: string, en: string): Prompt =>
  (l) => [l === 'zh' ? zh : en];

const say = (kind: SayKind, value: string): Segment => ({ say: kind, value });

export const PROMPTS = {
  // Leaving a message.
  unavailable: (mailbox: string): Prompt => (l) =>
    l === 'zh'
      ? ['您拨打的分机', say('digits', mailbox), '无人接听，请在提示音后留言，按井号键结束']
      : ['Extension', say('digits', mailbox), 'is not available. Please leave a message after the tone, and press the pound key when you are done.'],
  mailboxUnavailable: plain('对不起，该信箱暂不可用。再见。', 'Sorry, this mailbox is not available. Goodbye.'),
  mailboxFull: plain('对不起，该信箱已满，无法留言。再见。', 'Sorry, this mailbox is full and cannot take a message. Goodbye.'),
  messageKept: plain('您的留言已保存。再见。', 'Your message has been saved. Goodbye.'),

  // Opening a mailbox.
  enterMailbox: plain('请输入信箱号码，按井号键结束', 'Please enter the mailbox number, then press the pound key.'),
  noSuchMailbox: plain('该信箱不存在', 'There is no such mailbox.'),
  enterPin: plain('请输入密码，按井号键结束', 'Please enter your PIN, then press the pound key.'),
  wrongPin: plain('密码错误', 'Wrong PIN.'),
  locked: plain('密码错误次数过多，信箱已暂时锁定，请稍后再试。再见。', 'Too many wrong PINs. The mailbox is locked for a while; please try again later. Goodbye.'),
  noPinRemote: plain('该信箱尚未设置密码，请在本分机话机上设置。再见。', 'This mailbox has no PIN yet. Please set one from its own phone. Goodbye.'),
  setFirstPin: plain(
    '您的信箱尚未设置密码。请输入四到八位数字的新密码，按井号键结束',
    'Your mailbox has no PIN yet. Please enter a new PIN of four to eight digits, then press the pound key.',
  ),
  newPin: plain('请输入四到八位数字的新密码，按井号键结束', 'Please enter a new PIN of four to eight digits, then press the pound key.'),
  confirmPin: plain('请再输入一次新密码，按井号键结束', 'Please enter the new PIN again, then press the pound key.'),
  pinMismatch: plain('两次输入的密码不一致', 'The two PINs do not match.'),
  pinInvalid: plain('密码应为四到八位数字', 'The PIN must be four to eight digits.'),
  pinChanged: plain('密码已设置', 'Your PIN has been set.'),

  // Listening.
  summary: (fresh: number, saved: number): Prompt => (l) =>
    l === 'zh'
      ? ['您有', say('number', String(fresh)), '条新留言，', say('number', String(saved)), '条已存留言']
      : ['You have', say('number', String(fresh)), fresh === 1 ? 'new message and' : 'new messages and', say('number', String(saved)), saved === 1 ? 'saved message.' : 'saved messages.'],
  envelope: (position: number, caller: string, date: string, time: string): Prompt => (l) => {
    const from: Segment[] = caller === '' ? [l === 'zh' ? '来电号码未知' : 'from an unknown number'] : [l === 'zh' ? '来电号码' : 'from', say('digits', caller)];
    return l === 'zh'
      ? ['第', say('number', String(position)), '条留言，', ...from, '，时间', say('date', date), say('time', time)]
      : ['Message', say('number', String(position)), ...from, ', received', say('date', date), 'at', say('time', time)];
  },
  noMessages: plain('您没有留言', 'You have no messages.'),
  mainMenu: plain('收听留言请按1，信箱设置请按0，退出请按井号键', 'To listen to your messages press 1. For mailbox options press 0. To exit press pound.'),
  messageMenu: plain(
    '重听请按1，保存请按2，删除请按3，上一条请按4，下一条请按6，信箱设置请按0，返回主菜单请按星号键，退出请按井号键',
    'To replay press 1, to save press 2, to delete press 3, for the previous message press 4, for the next press 6, for mailbox options press 0, for the main menu press star, to exit press pound.',
  ),
  optionsMenu: plain(
    '录制问候语请按1，修改密码请按2，恢复默认问候语请按3，返回请按星号键',
    'To record your greeting press 1, to change your PIN press 2, to use the default greeting press 3, to go back press star.',
  ),
  saved: plain('留言已保存', 'Message saved.'),
  deleted: plain('留言已删除', 'Message deleted.'),
  firstMessage: plain('已经是第一条留言', 'This is the first message.'),
  noMore: plain('没有更多留言', 'There are no more messages.'),
  invalidKey: plain('输入有误，请重新输入', 'That key is not valid. Please try again.'),
  recordGreeting: plain('请在提示音后录制问候语，按井号键结束', 'Please record your greeting after the tone, then press the pound key.'),
  greetingSaved: plain('问候语已保存', 'Your greeting has been saved.'),
  greetingTooShort: plain('录音太短，问候语未保存', 'The recording was too short; the greeting was not saved.'),
  greetingReset: plain('已恢复默认问候语', 'The default greeting will be used.'),
  goodbye: plain('再见', 'Goodbye.'),
} as const;
