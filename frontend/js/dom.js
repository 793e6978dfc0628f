// @ts-check
/** Small DOM helpers shared by the page modules. */

/**
 * The element matching `selector`; a page missing it is a bug, so fail loudly.
 * @template {Element} T
 * @param {string} selector
 * @returns {T}
 */
export function requireElement(selector) {
  const element = document.querySelector(selector);
  if (!element) {
    throw new Error(`The page is missing ${selector}.`);
  }
  return /** @type {T} */ (element);
}

/**
 * Scroll `element` into view when it is not already fully visible (on a phone the
 * answer lands below the fold), smoothly unless the user prefers reduced motion.
 * @param {Element} element
 */
export function revealIfHidden(element) {
  const box = element.getBoundingClientRect();
  const isVisible = box.top >= 0 && box.bottom <= window.innerHeight;
  if (isVisible || box.height === 0) {
    return;
  }
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "nearest" });
}
