import type { Message } from '../i18n/catalogue';

interface Notice {
  message: Message;
  /** The page the notice belongs to; leaving it dismisses the notice. */
  path: string;
}

/** A one-line success message ("Extension 1001 created.") shown on one page. */
export class Notices {
  current = $state<Notice | null>(null);

  show(message: Message, path: string): void {
    this.current = { message, path };
  }

  /** Called when the path changes: a notice never follows the user elsewhere. */
  leave(path: string): void {
    if (this.current && this.current.path !== path) this.current = null;
  }

  dismiss(): void {
    this.current = null;
  }
}
