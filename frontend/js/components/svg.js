// @ts-check
/** Building inline SVG charts element by element (no markup strings). */

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @param {string} text
 * @param {Record<string, string>} attributes
 * @returns {SVGElement}
 */
export function svgText(text, attributes) {
  const element = svgElement("text", attributes);
  element.textContent = text;
  return element;
}

/**
 * @param {string} name
 * @param {Record<string, string>} attributes
 * @returns {SVGElement}
 */
export function svgElement(name, attributes) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, name));
  for (const [attribute, value] of Object.entries(attributes)) {
    element.setAttribute(attribute, value);
  }
  return element;
}
