/**
 * Agents working from the phone's keypad: *60 + work number logs in at
 * the phone dialling (after the PIN, asked for by voice), *61 logs out,
 * *62 pauses (reason: break), *63 makes the agent available. The phone's
 * extension says which agent it is for the last three.
 */
import type { AgentCode, AgentCodes, CallerPort } from '../../pbx/index.ts';
import type { AcdService } from './acd-service.ts';
import type { AcdSpeech } from './acd-ports.ts';
import type { RuntimeAgent } from './agent-book.ts';

const PIN_TRIES = 3;

export class AgentKeypad implements AgentCodes {
  constructor(
    private readonly acd: AcdService,
    private readonly speech: AcdSpeech,
  ) {}

  async run(code: AgentCode, extension: string, argument: string, port: CallerPort): Promise<boolean> {
    if (code === 'login') return this.login(argument, extension, port);
    const agent = this.personAt(extension);
    if (!agent) {
      await this.say(port, '本分机没有签入的坐席。');
      return false;
    }
    const book = this.acd.agents;
    if (code === 'logout') {
      const ok = book.apply(agent, { type: 'logout' });
      if (ok) await this.say(port, agent.presence.state === 'logged_out' ? '已签出。' : '通话结束后签出。');
      return ok;
    }
    if (code === 'pause') return book.apply(agent, { type: 'pause', reason: 'break' });
    return book.apply(agent, { type: 'unpause' });
  }

  private async login(work: string, extension: string, port: CallerPort): Promise<boolean> {
    const agent = this.acd.agents.get(work);
    for (let tries = 0; tries < PIN_TRIES && !port.hungUp; tries++) {
      await this.say(port, tries === 0 ? '请输入坐席密码，以井号键结束。' : '密码错误，请重新输入。', true);
      const pin = await port.collect({ max: 12, firstDigitMs: 10_000, interDigitMs: 5_000, terminator: '#' });
      if (pin === '') break;
      // The same answer for an unknown work number and a wrong PIN.
      if (agent && this.acd.d.store.verifyPin(work, pin)) {
        this.acd.agents.login(agent, extension, null);
        await this.say(port, `坐席${work}签入成功。`);
        return true;
      }
    }
    return false;
  }

  /** The person logged in at the extension, else the extension itself as a queue member. */
  private personAt(extension: string): RuntimeAgent | undefined {
    const here = this.acd.agents.at(extension);
    return here.find((a) => a.workNumber !== null) ?? here[0];
  }

  private async say(port: CallerPort, text: string, interruptible = false): Promise<void> {
    const files = await this.speech.say(text).catch(() => []);
    if (files.length > 0) await port.play(files, { interruptible });
  }
}
