// @ts-check
/**
 * The baseline's dossier on the challenges page: its settings, learning curves,
 * automatic diagnosis, and the validation confusion matrix with each class's
 * recall (validation only: the hidden splits never leave the server).
 */

import { renderJobDiagnosis } from "../components/job-diagnosis.js";
import { renderTrainingCurves } from "../components/training-curves.js";
import { emptyMessage } from "../components/data-table.js";
import { formatDecimal, formatInteger, formatPercent, translate } from "../i18n.js";

/** @typedef {import("../api-challenges.js").BaselineDossier} BaselineDossier */

/**
 * @typedef {object} DossierElements
 * @property {HTMLElement} spec
 * @property {HTMLElement} curves
 * @property {HTMLElement} diagnosis
 * @property {HTMLElement} confusion
 */

/**
 * Called with a cell's true and predicted class when its button is pressed.
 * @callback CellChosen
 * @param {number} trueClass
 * @param {number} predictedClass
 * @returns {void}
 */

/**
 * @param {DossierElements} elements
 * @param {BaselineDossier | null} dossier
 * @param {CellChosen} [onCell]  Shows the validation images behind a cell.
 */
export function renderDossier(elements, dossier, onCell) {
  if (!dossier || !dossier.spec) {
    elements.spec.textContent = translate("challenges.dossier.none");
    elements.curves.replaceChildren();
    elements.diagnosis.replaceChildren();
    elements.confusion.replaceChildren();
    return;
  }
  const { spec } = dossier;
  elements.spec.textContent = translate("challenges.dossier.spec", {
    architecture: String(spec.architecture),
    optimizer: String(spec.optimizer ?? "adam"),
    rate: formatDecimal(Number(spec.learning_rate ?? 0), 4),
    epochs: String(spec.epochs ?? ""),
    batch: String(spec.batch_size ?? ""),
    status: translate(`challenges.jobStatus.${dossier.status ?? "queued"}`),
  });
  renderTrainingCurves(elements.curves, {
    totalEpochs: Number(spec.epochs ?? dossier.history.length),
    epochs: dossier.history.map((record) => ({
      epoch: record.epoch,
      loss: record.metrics.loss,
      accuracy: record.metrics.accuracy,
      val_loss: record.metrics.val_loss,
      val_accuracy: record.metrics.val_accuracy,
      seconds: record.seconds,
    })),
    batches: [],
  });
  if (dossier.diagnosis) {
    renderJobDiagnosis(elements.diagnosis, dossier.diagnosis);
  } else {
    elements.diagnosis.replaceChildren(emptyMessage(translate("challenges.dossier.waiting")));
  }
  renderConfusion(elements.confusion, dossier, onCell);
}

/**
 * The confusion counts (rows: true class), each row ending with its recall;
 * with `onCell`, every mistaken cell is a button that shows its images.
 * @param {HTMLElement} container
 * @param {BaselineDossier} dossier
 * @param {CellChosen} [onCell]
 */
function renderConfusion(container, dossier, onCell) {
  const names = dossier.class_names;
  const counts = dossier.validation_confusion;
  if (!names || !counts) {
    container.replaceChildren(emptyMessage(translate("challenges.dossier.noConfusion")));
    return;
  }
  const recalls = new Map((dossier.class_recalls ?? []).map((item) => [item.class_name, item]));
  const table = document.createElement("table");
  table.className = "data-table confusion-table";
  table.createCaption().textContent = translate("challenges.dossier.confusionCaption");
  const head = table.createTHead().insertRow();
  for (const label of [translate("challenges.dossier.trueClass"), ...names]) {
    const header = document.createElement("th");
    header.scope = "col";
    header.textContent = label;
    head.append(header);
  }
  const recallHeader = document.createElement("th");
  recallHeader.scope = "col";
  recallHeader.textContent = translate("challenges.dossier.recall");
  head.append(recallHeader);
  const body = table.createTBody();
  counts.forEach((row, index) => {
    const tableRow = body.insertRow();
    const header = document.createElement("th");
    header.scope = "row";
    header.textContent = names[index];
    tableRow.append(header);
    const total = row.reduce((sum, value) => sum + value, 0) || 1;
    row.forEach((value, column) => {
      const cell = tableRow.insertCell();
      if (onCell && column !== index && value > 0) {
        cell.append(cellButton(names, index, column, value, onCell));
      } else {
        cell.textContent = formatInteger(value);
      }
      // Shade by the share of the true class, darker for more: errors stand out.
      cell.style.setProperty("--share", String(value / total));
      cell.className = column === index ? "confusion-hit" : value ? "confusion-miss" : "";
    });
    const recall = recalls.get(names[index]);
    const recallCell = tableRow.insertCell();
    recallCell.className = "confusion-recall";
    recallCell.textContent = recall ? formatPercent(recall.recall) : "—";
  });
  container.replaceChildren(table);
}

/**
 * @param {string[]} names
 * @param {number} trueClass
 * @param {number} predictedClass
 * @param {number} count
 * @param {CellChosen} onCell
 */
function cellButton(names, trueClass, predictedClass, count, onCell) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "confusion-cell-button";
  button.textContent = formatInteger(count);
  button.setAttribute(
    "aria-label",
    translate("confused.show", {
      count: formatInteger(count),
      true: names[trueClass],
      predicted: names[predictedClass],
    }),
  );
  button.addEventListener("click", () => onCell(trueClass, predictedClass));
  return button;
}
