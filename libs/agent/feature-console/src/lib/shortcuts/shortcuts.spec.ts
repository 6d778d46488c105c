import { shortcutFor } from './shortcuts';

function keydown(key: string, init: KeyboardEventInit = {}, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  (target ?? document.body).dispatchEvent(event);
  return event;
}

describe('shortcutFor', () => {
  it('maps the documented single keys outside text fields', () => {
    expect(shortcutFor(keydown('a'))).toBe('answer');
    expect(shortcutFor(keydown('H'))).toBe('hold');
    expect(shortcutFor(keydown('m'))).toBe('mute');
    expect(shortcutFor(keydown('Escape'))).toBe('hangup');
    expect(shortcutFor(keydown('x'))).toBeUndefined();
  });

  it('leaves letters to a text field unless Alt is held; Esc always hangs up', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(shortcutFor(keydown('h', {}, input))).toBeUndefined();
    expect(shortcutFor(keydown('˙', { altKey: true, code: 'KeyH' }, input))).toBe('hold');
    expect(shortcutFor(keydown('Escape', {}, input))).toBe('hangup');
    input.remove();
  });

  it('ignores browser chords and auto-repeat', () => {
    expect(shortcutFor(keydown('m', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(keydown('a', { repeat: true }))).toBeUndefined();
  });
});
