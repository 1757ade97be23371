import type { Message } from '../../i18n/catalogue';
import { ApiError } from '../../lib/api/api-error';
import { describeError } from '../../lib/api/describe-error';
import { type IvrBody, type IvrCheck, type IvrDefinition, isFlowDefinition } from '../../lib/api/ivr-types';
import { type IssueRow, issueRows } from './ivr-issues';
import { definitionText, ivrBody, parseDefinition } from './ivr-json';
import { emptyMenu, isMenuShaped, type MenuValues, menuDefinition, menuProblems, menuValues } from './ivr-menu-form';

export type EditorMode = 'menu' | 'json';

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The IVR editor's state: the name, the definition in one of two editors
 * (the friendly menu form, or the JSON text that takes either form), and
 * the problems last found — by the form itself, by validate, or by a
 * refused save — each as node (or menu part) and reason.
 */
export class IvrEditor {
  name = $state('');
  nameError = $state<Message | null>(null);
  mode = $state<EditorMode>('menu');
  menu = $state<MenuValues>(emptyMenu());
  json = $state('');
  issues = $state<IssueRow[]>([]);
  /** The last check found nothing wrong. */
  clean = $state(false);
  banner = $state<Message | null>(null);
  busy = $state<'validate' | 'save' | null>(null);

  /** Shows a stored definition: a menu in the form, a flow as JSON. */
  show(name: string, definition: IvrDefinition): void {
    this.name = name;
    this.json = definitionText(definition);
    if (isFlowDefinition(definition)) this.mode = 'json';
    else {
      this.mode = 'menu';
      this.menu = menuValues(definition);
    }
    this.#forgetChecks();
  }

  /** An older version goes into the JSON editor; saving it makes it the newest version. */
  restore(definition: IvrDefinition): void {
    this.json = definitionText(definition);
    this.mode = 'json';
    this.#forgetChecks();
  }

  /** Moves the definition between the editors; a flow cannot go into the menu form. */
  switchTo(mode: EditorMode): void {
    if (mode === this.mode) return;
    this.banner = null;
    if (mode === 'json') {
      this.json = definitionText(menuDefinition(this.menu));
      this.mode = 'json';
      return;
    }
    const parsed = parseDefinition(this.json);
    if (!parsed.ok) this.banner = parsed.message;
    else if (!isMenuShaped(parsed.definition)) this.banner = { key: 'ivr.errNotMenu' };
    else {
      this.menu = menuValues(parsed.definition);
      this.mode = 'menu';
    }
  }

  /** Checks with the server without saving. */
  async validate(check: (body: IvrBody) => Promise<IvrCheck>): Promise<void> {
    const body = this.#body();
    if (!body || this.busy) return;
    this.busy = 'validate';
    try {
      const result = await check(body);
      this.issues = issueRows(result.issues);
      this.clean = result.valid;
    } catch (error) {
      this.#failed(error);
    } finally {
      this.busy = null;
    }
  }

  /** Saves; returns false when refused (the problems are then listed). */
  async save(store: (body: IvrBody) => Promise<unknown>): Promise<boolean> {
    const body = this.#body();
    if (!body || this.busy) return false;
    this.busy = 'save';
    try {
      await store(body);
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** The body to send, or null with the reason shown (bad name, form problems, JSON that does not parse). */
  #body(): IvrBody | null {
    this.#forgetChecks();
    this.nameError = NAME_PATTERN.test(this.name.trim()) ? null : { key: 'ivr.errName' };
    let definition: Record<string, unknown> | null = null;
    if (this.mode === 'menu') {
      this.issues = menuProblems(this.menu);
      if (this.issues.length === 0) definition = { ...menuDefinition(this.menu) };
    } else {
      const parsed = parseDefinition(this.json);
      if (parsed.ok) definition = parsed.definition;
      else this.banner = parsed.message;
    }
    if (this.nameError || definition === null) {
      this.banner ??= { key: 'ivr.fixProblems' };
      return null;
    }
    return ivrBody(this.name, definition);
  }

  #failed(error: unknown): void {
    this.banner = describeError(error);
    if (error instanceof ApiError && error.status === 422) {
      const name = error.details.filter((detail) => detail.path === 'name');
      if (name[0]) this.nameError = { text: name[0].message };
      this.issues = issueRows(error.details.filter((detail) => detail.path !== 'name'));
      this.banner = { key: 'ivr.refused' };
    }
    if (error instanceof ApiError && error.code === 'conflict') this.nameError = { key: 'ivr.conflict', params: { name: this.name.trim() } };
  }

  #forgetChecks(): void {
    this.issues = [];
    this.clean = false;
    this.banner = null;
  }
}
