import { printChoiceSchema, type OutputKind, type PrintChoice } from '@shared/domain/documents';

/**
 * The printer, paper, copies and duplex last used for a kind of document. The printer is this
 * machine's, so the choice lives in this workstation's profile (localStorage), one key per kind.
 */
const storageKey = (kind: OutputKind) => `ledgerdesk.printChoice.${kind}`;

export function loadPrintChoice(kind: OutputKind): PrintChoice | null {
  try {
    const raw = window.localStorage.getItem(storageKey(kind));
    if (!raw) return null;
    const parsed = printChoiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unreadable: start from the defaults
  }
}

export function savePrintChoice(kind: OutputKind, choice: PrintChoice): void {
  window.localStorage.setItem(storageKey(kind), JSON.stringify(choice));
}
