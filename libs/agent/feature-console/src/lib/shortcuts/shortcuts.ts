/** A keyboard shortcut of the console and what it does, for the help list. */
export interface Shortcut {
  readonly keys: string;
  readonly action: ShortcutAction;
  readonly description: string;
}

/** What a shortcut triggers. */
export type ShortcutAction = 'answer' | 'hangup' | 'hold' | 'mute';

/** The console's shortcuts (single keys, ignored while typing in a field; Alt+key works everywhere). */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'A', action: 'answer', description: 'Answer the ringing call' },
  { keys: 'Esc', action: 'hangup', description: 'Hang up (or reject a ringing call)' },
  { keys: 'H', action: 'hold', description: 'Hold / resume' },
  { keys: 'M', action: 'mute', description: 'Mute / unmute' },
];

const KEY_ACTIONS: Readonly<Record<string, ShortcutAction>> = { a: 'answer', escape: 'hangup', h: 'hold', m: 'mute' };
// With Alt, macOS turns letters into symbols (Alt+H is "˙"): read the physical key instead.
const CODE_ACTIONS: Readonly<Record<string, ShortcutAction>> = { KeyA: 'answer', Escape: 'hangup', KeyH: 'hold', KeyM: 'mute' };

/** The shortcut a key press means, or undefined (typing in a field, modifier chords other than Alt). */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.ctrlKey || event.metaKey || event.repeat) return undefined;
  const target = event.target as HTMLElement | null;
  const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  const key = event.key.toLowerCase();
  // Esc always works; letters only outside fields unless Alt is held (Alt+H while typing a transfer number).
  if (typing && key !== 'escape' && !event.altKey) return undefined;
  return event.altKey ? CODE_ACTIONS[event.code] : KEY_ACTIONS[key];
}
