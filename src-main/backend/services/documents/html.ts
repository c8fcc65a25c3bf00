/**
 * HTML for documents, built only through the `html` tag: every interpolated value is text and is
 * escaped (a customer's name of `<script>` or `<img onerror=…>` prints those characters; a spreadsheet
 * formula such as `=HYPERLINK(…)` prints as written, since nothing here evaluates it). Markup the code
 * itself built is a Html value and goes in unchanged; `raw()` marks a trusted fragment (the stylesheet,
 * a data URL the settings produced), never customer text.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: & < > " ' escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A fragment of markup that is safe to place as is (built by `html` or marked by `raw`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Values a template may interpolate: text and numbers (escaped), markup, nothing (null, undefined, false), and lists of these (joined). */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup or CSS written by this code (never text from a customer or a setting a user typed). */
export const raw = (trusted: string): Html => new Html(trusted);
