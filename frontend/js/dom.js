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
