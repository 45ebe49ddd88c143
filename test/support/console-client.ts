/**
 * A browser-less client for the console: keeps cookies, never follows redirects (tests
 * look at them), and finds the CSRF field in a page.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie headers seen, for checking their flags. */
  readonly setCookies: string[] = [];

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    return this.request("GET", path);
  }

  async post(
    path: string,
    form: Record<string, string>,
  ): Promise<{ status: number; text: string; headers: Headers }> {
    return this.request("POST", path, new URLSearchParams(form).toString());
  }

  private async request(method: string, path: string, body?: string) {
    const url = path.startsWith("http") ? path : `${this.baseUrl}${path}`;
    const response = await fetch(url, {
      method,
      redirect: "manual",
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body,
    });
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair] = header.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) {
        const v = value.join("=");
        if (v === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(header))
          this.cookies.delete(name);
        else this.cookies.set(name, v);
      }
    }
    return { status: response.status, text: await response.text(), headers: response.headers };
  }
}

/** The CSRF token of the first form in a page. */
export function csrfOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error("no CSRF field in the page");
  return token;
}

/** A hidden field's value (e.g. the form's "key"). */
export function fieldOf(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  if (!value) throw new Error(`no "${name}" field in the page`);
  return value;
}
