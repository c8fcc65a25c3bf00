/**
 * Every keyboard shortcut, once: the handlers take their hotkey from here (Mantine's useHotkeys /
 * getHotkeyHandler syntax, "mod" = Ctrl, or Cmd on a Mac) and the "?" overlay lists this table, so the
 * list on screen cannot drift from what the keys do.
 */
export type ShortcutScope = 'Anywhere' | 'Account page' | 'Invoice editor' | 'Dialogs';

export interface Shortcut {
  hotkey: string;
  scope: ShortcutScope;
  /** What it does, as the overlay says it. */
  does: string;
  /** True: works with focus in a text field too (the others wait until focus leaves the field). */
  inFields: boolean;
}

export const shortcuts = {
  help: { hotkey: 'shift+?', scope: 'Anywhere', does: 'Show this list of shortcuts', inFields: false },
  newInvoice: { hotkey: 'n', scope: 'Account page', does: 'New invoice for the account', inFields: false },
  postPayment: { hotkey: 'p', scope: 'Account page', does: 'Post a payment to the account', inFields: false },
  invoiceSave: { hotkey: 'mod+S', scope: 'Invoice editor', does: 'Save the draft', inFields: true },
  invoicePost: { hotkey: 'mod+Enter', scope: 'Invoice editor', does: 'Post the invoice (asks first; Enter confirms)', inFields: true },
  invoiceNextField: {
    hotkey: 'Enter',
    scope: 'Invoice editor',
    does: 'In a line’s quantity, price, discount or tax: next field; in the last line’s tax: add a line',
    inFields: true,
  },
  invoiceLeave: {
    hotkey: 'Escape',
    scope: 'Invoice editor',
    does: 'Back to the account (an invoice being typed is kept as a draft; asks first)',
    inFields: true,
  },
  dialogSubmit: { hotkey: 'Enter', scope: 'Dialogs', does: 'Post or save the dialog (the payment dialog posts)', inFields: true },
  dialogClose: { hotkey: 'Escape', scope: 'Dialogs', does: 'Close the dialog (asks first when something was typed)', inFields: true },
} as const satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof shortcuts;

/** "mod+S" as the keys read on this machine: "Ctrl + S", or "⌘ + S" on a Mac. */
export function hotkeyWords(hotkey: string, mac: boolean): string[] {
  const names: Record<string, string> = { mod: mac ? '⌘' : 'Ctrl', shift: 'Shift', alt: mac ? '⌥' : 'Alt', escape: 'Esc', enter: 'Enter' };
  const parts = hotkey.split('+');
  // "shift+?" is the "?" key: the Shift it takes on most layouts is not a separate step for the reader.
  const keys = parts.includes('?') ? ['?'] : parts;
  return keys.map((k) => names[k.toLowerCase()] ?? k.toUpperCase());
}
