/**
 * A small history-API router: the current path and query as state,
 * `navigate()` to change them. One instance per app, shared by context.
 */
export class Router {
  path = $state('/');
  search = $state('');
  readonly #window: Window;

  constructor(win: Window) {
    this.#window = win;
    this.#sync();
    win.addEventListener('popstate', this.#sync);
  }

  /** Goes to an app path such as `/extensions/3?tab=x`; `replace` keeps history clean for redirects. */
  navigate(to: string, options: { replace?: boolean } = {}): void {
    const history = this.#window.history;
    if (options.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    this.#sync();
    if (!options.replace) this.#window.scrollTo(0, 0);
  }

  /** A query parameter of the current URL, or null. */
  query(name: string): string | null {
    return new URLSearchParams(this.search).get(name);
  }

  /** The current path with its query, for `?next=` links back. */
  get fullPath(): string {
    return this.path + this.search;
  }

  destroy(): void {
    this.#window.removeEventListener('popstate', this.#sync);
  }

  #sync = (): void => {
    this.path = this.#window.location.pathname;
    this.search = this.#window.location.search;
  };
}
