/**
 * Server-side HTML as tagged templates: every interpolated value is escaped unless it is
 * itself `Html` (built by `html` or `unsafeHtml`). Chosen over a template engine because
 * pages stay typed TypeScript functions (tsc checks every field a page reads), escaping
 * is the default with no per-template mode to forget, and there are no template files to
 * find at run time.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] as string);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup that is already safe (e.g. JSON for a chart, serialised by `jsonForScript`). */
export function unsafeHtml(markup: string): Html {
  return new Html(markup);
}

/** JSON safe to place inside <script type="application/json">. */
export function jsonForScript(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, "\\u003c"));
}
