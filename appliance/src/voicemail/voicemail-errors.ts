/** Errors of the voicemail domain, with stable codes the API and the UI map to text. */
import { AppError } from '../errors.ts';

/** The API was started without the voicemail files and mailer (an HTTP-only test box). */
export class VoicemailUnavailableError extends AppError {
  constructor() {
    super('voicemail_unavailable', 'voicemail storage is not configured on this box');
  }
}
