/** Why an email did not go out, as codes the UI turns into text and an operator can act on. */
import { AppError } from '../../errors.ts';

export type SmtpFailure =
  /** The server could not be reached (refused, unreachable, name not found). */
  | 'smtp_connect'
  /** The server stopped answering. */
  | 'smtp_timeout'
  /** TLS failed, or STARTTLS was asked for and not offered. */
  | 'smtp_tls'
  /** The username or password was refused, or no mechanism we speak was offered. */
  | 'smtp_auth'
  /** The server refused the sender, a recipient or the message. */
  | 'smtp_rejected'
  /** The server said something that is not SMTP. */
  | 'smtp_protocol'
  /** The settings cannot work (no host, an address that is not one). */
  | 'smtp_config';

export class SmtpError extends AppError {
  constructor(
    readonly failure: SmtpFailure,
    message: string,
    /** The server's reply code, when it gave one. */
    readonly replyCode: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(failure, message, options);
  }
}
