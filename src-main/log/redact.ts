/**
 * The last line of defence that keeps customer data out of the log. The logger records event codes and
 * whitelisted fields (./entry.ts); the only free text it keeps is an error's message and stack frames,
 * and a short message our own code writes. That text passes through here, which replaces:
 * - the user's home folder (and any other user folder) with `~`;
 * - e-mail addresses;
 * - quoted text (JSON.parse and many library errors quote the input they choke on);
 * - runs of 4 or more digits, spaces and dashes allowed between them (account, card, phone and
 *   check numbers, amounts, dates);
 * - what looks like a person's or company's name: two or more capitalised words in a row, or one
 *   capitalised word in the middle of a sentence.
 * It over-redacts on purpose: support can do without a word, an office cannot take back a leak.
 */

export interface RedactOptions {
  /** The home folder of the user running the app (os.homedir()), written as `~`. */
  home?: string;
}

export const REDACTED = { email: '[email]', text: '[text]', number: '[number]', name: '[name]' } as const;

/** Any user's folder on Windows, macOS or Linux, with either separator; Windows names may hold spaces ("Jane Doe"). */
const USER_FOLDER = /(?:\b[A-Za-z]:)?[\\/](?:Users|home|Documents and Settings)[\\/][^\\/\s'"`()<>:;,]+(?: [^\\/\s'"`()<>:;,]+)*/gi;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const QUOTED = [/"[^"\n]*"/g, /`[^`\n]*`/g, /“[^”\n]*”/g, /‘[^’\n]*’/g, /(?<![\p{L}\p{N}])'[^'\n]*'(?![\p{L}\p{N}])/gu];
/** A digit, then at least three more, each after at most two separators ("(555) 867-5309", "4111 1111 …"). */
const DIGITS = /\d(?:[\s.,/()-]{0,2}\d){3,}/g;
const WORD = String.raw`(?:\p{Lu}\.|\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{L}'’-]*)`;
const NAME_RUN = new RegExp(String.raw`(?<![\p{L}\p{N}])${WORD}(?:[ \t]+${WORD})+(?![\p{L}\p{N}])`, 'gu');
/** One capitalised word after a lower-case word or a comma: "failed for Smith". Not the first word of a sentence. */
const NAME_MID = new RegExp(String.raw`(?<=[\p{Ll}\p{N},;)\]][ \t]+)${WORD}(?![\p{L}\p{N}])`, 'gu');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function replaceHome(text: string, home: string | undefined): string {
  let out = text;
  const parts = home?.split(/[\\/]+/).filter(Boolean) ?? [];
  if (home && parts.length > 0) {
    // The user's own home, whatever it is (a roaming profile, \\server\homes\…), with either separator.
    const start = /^[A-Za-z]:$/.test(parts[0] ?? '') ? String.raw`\b` : String.raw`(?:\b[A-Za-z]:)?[\\/]+`;
    const pattern = new RegExp(String.raw`${start}${parts.map(escapeRegExp).join(String.raw`[\\/]+`)}(?![^\\/\s'"\`()<>:;,])`, 'gi');
    out = out.replace(pattern, '~');
  }
  return out.replace(USER_FOLDER, '~');
}

/** Text that is not ours to keep: paths, e-mails and quoted text made safe, digits and names replaced. */
function scrub(text: string, options: RedactOptions, names: boolean): string {
  let out = replaceHome(text, options.home).replace(EMAIL, REDACTED.email);
  for (const q of QUOTED) out = out.replace(q, REDACTED.text);
  out = out.replace(DIGITS, REDACTED.number);
  if (names) out = out.replace(NAME_RUN, REDACTED.name).replace(NAME_MID, REDACTED.name);
  return out;
}

/** Free text (a message, an error's message), on one line, at most `max` characters. */
export function redactText(text: string, options: RedactOptions = {}, max = 500): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ').replace(/\p{Cc}/gu, '');
  const out = scrub(oneLine, options, true);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** A stack frame ends with its position, which is kept: "(…/worker.js:1234:56)". */
const POSITION = /(:\d+:\d+\)?|:\d+\)?)$/;

/** One stack frame: it names code, not data, so names are kept; digits outside its position are not. */
export function redactFrame(line: string, options: RedactOptions = {}): string {
  const frame = line.trim().replace(/\p{Cc}/gu, '');
  const position = POSITION.exec(frame)?.[0] ?? '';
  return scrub(frame.slice(0, frame.length - position.length), options, false).slice(0, 300) + position;
}

/** The frames of a stack, without its first lines (the message, which `redactText` handles). */
export function redactStack(stack: string, options: RedactOptions = {}, maxFrames = 15): string[] {
  return stack
    .split('\n')
    .filter((l) => /^\s*at\s/.test(l))
    .slice(0, maxFrames)
    .map((l) => redactFrame(l, options));
}
