/**
 * Where the panel's focus and scroll go after a render. Focus moves only when asked
 * (`wantFocus`: a view opened, or the focused element went away) and only while the panel is on
 * screen; the messages stay scrolled to the bottom while the customer is reading the end.
 */
import { chunks } from "./chunks";
import type { TomticketChatPanel } from "./panel";

/** Closer than this to the bottom counts as reading the end: new messages scroll into view. */
const NEAR_BOTTOM_PX = 48;

const scroller = (panel: TomticketChatPanel): HTMLElement | null => panel.renderRoot.querySelector<HTMLElement>(".body");

/**
 * Before a render: remembers whether to keep the messages at the bottom (measured before they
 * grow). Measured only for a chat on screen: reading `scrollHeight` makes the browser lay the
 * panel out at once, which on the render that shows it (or draws a form) is the whole panel's
 * first layout inside the widget's task; elsewhere the answer is "stick" anyway.
 */
export function beforeRender(panel: TomticketChatPanel, becameVisible: boolean): void {
  const body = becameVisible || !panel.visible || panel.view !== "chat" ? null : scroller(panel);
  if (!body || body.scrollHeight - body.scrollTop - body.clientHeight < NEAR_BOTTOM_PX) panel.stick = true;
}

/** After a render: scrolls to the newest message and moves focus, when asked to. */
export function afterRender(panel: TomticketChatPanel): void {
  if (panel.stick && panel.view === "chat") {
    const body = scroller(panel);
    if (body) body.scrollTop = body.scrollHeight;
  }
  panel.stick = false;
  if (panel.wantFocus && panel.visible && !focusing.has(panel)) {
    // After the next frame: focusing makes the browser lay the panel out at once, and the render
    // that opens the panel or draws a view would then hold its whole first layout in this task.
    // An idle callback runs after the frame (a frame callback would run inside the browser's
    // rendering task, and that task's layout of the new panel would count as the widget's).
    focusing.add(panel);
    afterFrame(() => {
      focusing.delete(panel);
      const target = panel.wantFocus && panel.visible ? focusTarget(panel) : null;
      if (target) {
        panel.wantFocus = false;
        target.focus();
      }
    });
  }
}

/** Runs `run` once the browser has drawn the next frame and is idle (at most 100 ms later), else after a timer. */
function afterFrame(run: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 100 });
  else setTimeout(run, 16);
}

/** Panels whose focus move waits for the next frame. */
const focusing = new WeakSet<TomticketChatPanel>();

/** The first empty form field, the message input (or the survey, or "new chat"), or the back button. */
function focusTarget(panel: TomticketChatPanel): HTMLElement | null {
  const root = panel.renderRoot;
  switch (panel.view) {
    case "loading":
      return null;
    case "chat":
      return root.querySelector<HTMLElement>('textarea[name="compose"], form[part="survey"] input, button[part="new-chat"]');
    case "transcript":
      return root.querySelector<HTMLElement>('button[part="back"]');
    case "offline":
      // Its form is still loading (/widget-offline.js): focus moves once it is drawn.
      if (!chunks().offline) return null;
    // falls through
    case "form": {
      const fields = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("form input, form textarea")];
      const first = fields.find((f) => !f.value) ?? fields[0];
      if (first) return first;
    }
  }
  // No field (the offline message was sent) or nothing else to offer.
  return root.querySelector<HTMLElement>('button[part="minimize"], button');
}
