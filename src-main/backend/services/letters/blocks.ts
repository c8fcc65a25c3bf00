import { letterFieldPattern } from '@shared/domain/letters';

/**
 * A letter body (sanitized HTML: well-formed, the tags sanitize.ts keeps) cut into its top-level blocks,
 * for the page to spread over sheets and for the template's own heading and signature to be told apart.
 */

const VOID = new Set(['br', 'hr', 'img', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g;

/** The top-level elements of `html` in order (text between them, if any, becomes a paragraph). */
export function topLevelBlocks(html: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const loose = (to: number) => {
    const text = html.slice(start, to);
    if (text.trim()) out.push(`<p>${text.trim()}</p>`);
  };
  for (const m of html.matchAll(TAG)) {
    const [whole, closing, name = '', selfClosing] = m;
    const at = m.index ?? 0;
    const tag = name.toLowerCase();
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        out.push(html.slice(start, at + whole.length));
        start = at + whole.length;
      }
    } else if (VOID.has(tag) || selfClosing) {
      if (depth === 0) {
        loose(at);
        out.push(whole);
        start = at + whole.length;
      }
    } else {
      if (depth === 0) {
        loose(at);
        start = at;
      }
      depth++;
    }
  }
  loose(html.length);
  return out;
}

/** The block's words: tags dropped (a <br> or a block's end is a line break), the entities sanitize-html writes decoded. */
export function blockText(block: string): string {
  return block
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|tr|h[1-6]|div|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n+$/, '');
}

/** Only these fields (and line breaks) in the block, at least one of them. */
function onlyFields(block: string, fields: readonly string[]): boolean {
  const names = [...block.matchAll(letterFieldPattern)].map((m) => m[1] ?? '');
  if (names.length === 0 || names.some((n) => !fields.includes(n))) return false;
  return blockText(block.replace(letterFieldPattern, '')).trim() === '';
}

/** What the letter page prints in its own places: the date and the recipient (the window), and the signature. */
const HEADING_FIELDS = ['today', 'accountName', 'mailingAddress'];
const SIGNATURE_FIELDS = ['clerkName', 'clerkTitle', 'companyName', 'supervisorName'];

/**
 * A template's body without what the page prints itself: leading paragraphs made only of {{today}},
 * {{accountName}} and {{mailingAddress}} (the date and the window address), and a last paragraph made
 * only of the signer's fields ({{clerkName}}, {{clerkTitle}}, {{companyName}}) (the signature block).
 * The shipped templates start and end so, to read well on their own; a letter would print them twice.
 */
export function letterBodyOfTemplate(templateHtml: string): string {
  const blocks = topLevelBlocks(templateHtml);
  let first = 0;
  while (first < blocks.length && onlyFields(blocks[first] ?? '', HEADING_FIELDS)) first++;
  let end = blocks.length;
  const last = blocks[end - 1];
  if (end > first && last && onlyFields(last, SIGNATURE_FIELDS) && last.includes('clerkName')) end--;
  return blocks.slice(first, end).join('');
}
