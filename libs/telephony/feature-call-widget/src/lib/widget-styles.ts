/**
 * The widget's look, inside its shadow root so the host page's CSS cannot break it. Sites restyle it through CSS
 * custom properties on the element (they inherit into the shadow root) and `::part()`:
 *
 * | property | default |
 * |---|---|
 * | `--switchboard-call-accent` | `#1a56db` (call button, focus ring) |
 * | `--switchboard-call-accent-text` | `#ffffff` |
 * | `--switchboard-call-background` | `#ffffff` |
 * | `--switchboard-call-text` | `#1f2937` |
 * | `--switchboard-call-muted-text` | `#4b5563` |
 * | `--switchboard-call-danger` | `#b91c1c` (hang up, problems) |
 * | `--switchboard-call-radius` | `12px` |
 * | `--switchboard-call-font` | `system-ui, sans-serif` |
 * | `--switchboard-call-width` | `280px` |
 */
export const WIDGET_STYLES = `
:host { display: inline-block; width: var(--switchboard-call-width, 280px); font: 15px/1.4 var(--switchboard-call-font, system-ui, -apple-system, 'Segoe UI', sans-serif); color: var(--switchboard-call-text, #1f2937); }
:host([hidden]) { display: none; }
.card { box-sizing: border-box; display: flex; flex-direction: column; gap: 10px; padding: 16px; border-radius: var(--switchboard-call-radius, 12px); background: var(--switchboard-call-background, #fff); box-shadow: 0 1px 3px rgb(0 0 0 / 0.15), 0 4px 12px rgb(0 0 0 / 0.08); }
.status { margin: 0; font-weight: 600; font-size: 16px; }
.status.problem { color: var(--switchboard-call-danger, #b91c1c); }
.detail { margin: 0; color: var(--switchboard-call-muted-text, #4b5563); font-size: 14px; }
.timer { margin: 0; font-variant-numeric: tabular-nums; font-size: 22px; font-weight: 600; }
button { font: inherit; cursor: pointer; border-radius: calc(var(--switchboard-call-radius, 12px) - 4px); border: 1px solid rgb(0 0 0 / 0.15); padding: 8px 12px; background: transparent; color: inherit; }
button:focus-visible { outline: 3px solid var(--switchboard-call-accent, #1a56db); outline-offset: 2px; }
.call { border: none; padding: 12px 16px; font-weight: 600; background: var(--switchboard-call-accent, #1a56db); color: var(--switchboard-call-accent-text, #fff); }
.controls { display: flex; gap: 8px; }
.controls button { flex: 1; }
.hangup { border: none; background: var(--switchboard-call-danger, #b91c1c); color: #fff; font-weight: 600; }
[aria-pressed='true'] { background: rgb(0 0 0 / 0.08); }
.keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.keypad button { padding: 8px 0; font-size: 18px; font-variant-numeric: tabular-nums; }
[hidden] { display: none !important; }
`;
