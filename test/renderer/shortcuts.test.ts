import { describe, expect, it } from 'vitest';
import { getHotkeyHandler } from '@mantine/hooks';
import { hotkeyWords, shortcuts, type Shortcut } from '@shared/shortcuts';

const list: Shortcut[] = Object.values(shortcuts);

/** The key press a person makes for a hotkey (Ctrl for "mod", as on Windows and Linux). */
function press(hotkey: string) {
  const parts = hotkey.split('+');
  const key = parts.find((p) => !['mod', 'ctrl', 'meta', 'alt', 'shift'].includes(p.toLowerCase())) ?? '';
  const has = (m: string) => parts.some((p) => p.toLowerCase() === m);
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    code: '',
    ctrlKey: has('mod') || has('ctrl'),
    metaKey: has('meta'),
    altKey: has('alt'),
    shiftKey: has('shift'),
    preventDefault: () => undefined,
  };
}

/** Which of the given shortcuts Mantine's matcher fires for this key press. */
function fired(among: Shortcut[], event: ReturnType<typeof press>): Shortcut[] {
  const hit: Shortcut[] = [];
  getHotkeyHandler(among.map((s) => [s.hotkey, () => hit.push(s)]))(event as unknown as KeyboardEvent);
  return hit;
}

describe('the shortcut list', () => {
  it('has each key once per place, and the keys that work anywhere are used nowhere else', () => {
    for (const s of list) {
      // Its own key press fires it, and nothing else that is live at the same place.
      const live = list.filter((o) => o.scope === s.scope || o.scope === 'Anywhere' || s.scope === 'Anywhere');
      expect(fired(live, press(s.hotkey)), `${s.hotkey} in ${s.scope}`).toEqual([s]);
    }
  });

  it('does not fire a shortcut for the plain key when it needs a modifier', () => {
    expect(fired(list, press('s'))).toEqual([]);
    expect(fired([shortcuts.invoicePost], press('Enter'))).toEqual([]);
    expect(fired([shortcuts.newInvoice], press('mod+n'))).toEqual([]);
  });

  it('names the keys as the keyboard shows them', () => {
    expect(hotkeyWords(shortcuts.invoiceSave.hotkey, false)).toEqual(['Ctrl', 'S']);
    expect(hotkeyWords(shortcuts.invoiceSave.hotkey, true)).toEqual(['⌘', 'S']);
    expect(hotkeyWords(shortcuts.invoicePost.hotkey, false)).toEqual(['Ctrl', 'Enter']);
    expect(hotkeyWords(shortcuts.help.hotkey, false)).toEqual(['?']);
    expect(hotkeyWords(shortcuts.invoiceLeave.hotkey, false)).toEqual(['Esc']);
    expect(hotkeyWords(shortcuts.newInvoice.hotkey, false)).toEqual(['N']);
  });
});
