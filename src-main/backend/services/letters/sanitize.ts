import sanitizeHtml from 'sanitize-html';

/**
 * What a letter template's HTML may hold (docs/letters.md): headings, paragraphs, bold, italic,
 * underline, lists, tables, line breaks and links to web or mail addresses, with a few inline styles
 * (alignment, weight, emphasis). No images at all: the letterhead (documents pipeline) carries the
 * logo, and a remote image would tell its server when a letter is opened. Everything else is removed
 * and named in the answer, so the supervisor sees what the saved version lost.
 */
const allowedTags = [
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'div',
  'span',
  'br',
  'hr',
  'blockquote',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
];
const styled = ['style'];
const allowedAttributes: Record<string, string[]> = {
  a: ['href'],
  th: ['colspan', 'rowspan', 'style'],
  td: ['colspan', 'rowspan', 'style'],
  ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'p', 'div', 'span', 'table', 'li'].map((t) => [t, styled])),
};
const allowedSchemes = ['https', 'http', 'mailto', 'tel'];
/** Inline styles: property -> value patterns (anchored); anything else, url() included, is dropped. */
const allowedStyleValues: Record<string, RegExp[]> = {
  'text-align': [/^(left|right|center|justify)$/],
  'font-weight': [/^(normal|bold|[1-9]00)$/],
  'font-style': [/^(normal|italic)$/],
  'text-decoration': [/^(none|underline)$/],
  width: [/^\d{1,3}(\.\d+)?%$/],
};
/** Elements whose content goes with them (not kept as text). */
const dropsContent = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math']);

export interface Sanitized {
  html: string;
  /** What was removed, in words, each once, in order found. */
  removed: string[];
}

function styleRemovals(tag: string, style: string): string[] {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .flatMap((declaration) => {
      const colon = declaration.indexOf(':');
      const prop = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      const ok = colon > 0 && (allowedStyleValues[prop] ?? []).some((p) => p.test(value));
      return ok ? [] : [`style “${declaration}” on <${tag}>`];
    });
}

function hrefRemoval(href: string): string | null {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  return scheme && !allowedSchemes.includes(scheme) ? `link to a ${scheme}: address` : null;
}

/** Notes what the configuration below will remove from one opening tag, as sanitize-html meets it. */
function noteTag(name: string, attribs: Record<string, string>, removed: string[]): void {
  if (!allowedTags.includes(name)) {
    removed.push(name === 'img' ? 'image (<img>): letters carry no images' : `<${name}>${dropsContent.has(name) ? ' and its content' : ''}`);
    return;
  }
  const allowed = allowedAttributes[name] ?? [];
  for (const [attr, value] of Object.entries(attribs)) {
    if (!allowed.includes(attr)) removed.push(/^on/i.test(attr) ? `event handler ${attr} on <${name}>` : `attribute ${attr} on <${name}>`);
    else if (attr === 'style') removed.push(...styleRemovals(name, value));
    else if (attr === 'href') {
      const r = hrefRemoval(value);
      if (r) removed.push(r);
    }
  }
}

export function sanitizeLetterHtml(input: string): Sanitized {
  const removed: string[] = [];
  const html = sanitizeHtml(input, {
    allowedTags,
    allowedAttributes,
    allowedSchemes,
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    allowedStyles: { '*': allowedStyleValues },
    nonTextTags: [...dropsContent],
    disallowedTagsMode: 'discard',
    onOpenTag: (name, attribs) => noteTag(name, attribs, removed),
  });
  return { html: html.trim(), removed: [...new Set(removed)] };
}
