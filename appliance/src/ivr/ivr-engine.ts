/**
 * What the call layer runs for an `{ ivr: name }` destination: the current
 * version of the IVR, on the flow runner, for one answered caller. The
 * outcome tells the call layer where the caller goes next; `null` means
 * there is no such IVR (the call layer tries its next destination).
 */
import type { CallerPort } from '../pbx/index.ts';
import { FlowRunner } from './flow/flow-runner.ts';
import type { FlowOutcome, FlowRunnerDeps, FlowSource, LoadedFlow } from './flow/flow-session.ts';
import type { IvrsRepository } from './ivrs-repository.ts';

/** The current version of each IVR, for new calls and for `goto flow`. */
export class IvrFlows implements FlowSource {
  constructor(private readonly ivrs: Pick<IvrsRepository, 'current'>) {}

  load(name: string): LoadedFlow | null {
    return this.ivrs.current(name);
  }
}

export type IvrEngineDeps = Omit<FlowRunnerDeps, 'flows'> & { flows: FlowSource };

export class IvrEngine {
  private readonly runner: FlowRunner;

  constructor(private readonly deps: IvrEngineDeps) {
    this.runner = new FlowRunner(deps);
  }

  async run(name: string, port: CallerPort): Promise<FlowOutcome | null> {
    const flow = this.deps.flows.load(name);
    if (flow === null) {
      this.deps.logger.warn('call to an IVR that does not exist', { callId: port.callId, ivr: name });
      return null;
    }
    return this.runner.run(port, flow);
  }
}
