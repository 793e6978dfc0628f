// @ts-check
/**
 * The validation images behind a confusion-matrix cell: each with its true
 * class, the class the model predicted and the probability it gave it. The
 * images arrive as PNG data URLs; the browser only shows them.
 */

import { emptyMessage } from "./data-table.js";
import { formatInteger, formatPercent, translate } from "../i18n.js";

/**
 * @typedef {object} ConfusedExample
 * @property {number} position  Row of the validation split.
 * @property {number} probability  Given to the predicted class.
 * @property {string} png_data_url
 */

/**
 * @typedef {object} ConfusedExamples
 * @property {string} true_name
 * @property {string} predicted_name
 * @property {number} count  Validation examples in the cell.
 * @property {ConfusedExample[]} examples
 * @property {number} left_out  Kept but not shown: a challenge hides them.
 */

/**
 * @param {HTMLElement} container
 * @param {ConfusedExamples} answer
 */
export function renderConfusedExamples(container, answer) {
  const heading = document.createElement("p");
  heading.className = "confused-heading";
  heading.textContent = translate("confused.heading", {
    true: answer.true_name,
    predicted: answer.predicted_name,
    count: formatInteger(answer.count),
    shown: formatInteger(answer.examples.length),
  });
  const parts = [heading];
  if (answer.left_out > 0) {
    parts.push(emptyMessage(translate("confused.leftOut", { count: formatInteger(answer.left_out) })));
  }
  if (answer.examples.length === 0) {
    parts.push(emptyMessage(translate("confused.none")));
  }
  const list = document.createElement("ul");
  list.className = "confused-examples";
  for (const example of answer.examples) {
    const probability = formatPercent(example.probability);
    const item = document.createElement("li");
    const figure = document.createElement("figure");
    const image = document.createElement("img");
    image.src = example.png_data_url;
    image.alt = translate("confused.alt", {
      position: formatInteger(example.position),
      true: answer.true_name,
      predicted: answer.predicted_name,
      probability,
    });
    const caption = document.createElement("figcaption");
    caption.textContent = translate("confused.caption", {
      true: answer.true_name,
      predicted: answer.predicted_name,
      probability,
    });
    figure.append(image, caption);
    item.append(figure);
    list.append(item);
  }
  parts.push(list);
  container.replaceChildren(...parts);
}
