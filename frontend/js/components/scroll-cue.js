// @ts-check
/**
 * A wide chart or table that scrolls sideways inside its frame on a narrow screen.
 * The frame holds the scroller (a labelled, focusable region, so the keyboard can
 * scroll it) and a hint; its classes `has-more-start` / `has-more-end` draw edge
 * shadows where more content is hidden, and the hint shows while anything is.
 */

/**
 * Keep the cue of `frame` (a `.scroll-frame` holding a `.scroll-x` and a
 * `.scroll-hint`) in step with its content, its size and its scroll position.
 * @param {HTMLElement} frame
 */
export function bindScrollCue(frame) {
  const scroller = /** @type {HTMLElement | null} */ (frame.querySelector(".scroll-x"));
  const hint = /** @type {HTMLElement | null} */ (frame.querySelector(".scroll-hint"));
  if (!scroller) {
    throw new Error("A scroll frame needs a .scroll-x element.");
  }
  const update = () => {
    // One pixel of slack: zoomed layouts round widths.
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    const left = Math.abs(scroller.scrollLeft);
    frame.classList.toggle("has-more-start", hidden > 1 && left > 1);
    frame.classList.toggle("has-more-end", hidden > 1 && left < hidden - 1);
    if (hint) {
      hint.hidden = hidden <= 1;
    }
  };
  scroller.addEventListener("scroll", update, { passive: true });
  new ResizeObserver(update).observe(scroller);
  // Pages replace the content (a new chart, a new table) without resizing the frame.
  new MutationObserver(update).observe(scroller, { childList: true, subtree: true });
  update();
}
