// @ts-check
/** The models page's overview tables: the registered models and the promotions of one. */

import { formatDateTime, formatInteger, hasTranslation, translate } from "../i18n.js";
import { createDataTable, emptyMessage } from "./data-table.js";

/** @typedef {import("../api-training.js").RegisteredModel} RegisteredModel */
/** @typedef {import("../api-training.js").PromotionRecord} PromotionRecord */

/**
 * The registered models; picking one's name shows its versions.
 * @param {HTMLElement} container
 * @param {RegisteredModel[]} models
 * @param {{selected: string | null, onSelect: (name: string) => void}} options
 */
export function renderModelList(container, models, { selected, onSelect }) {
  if (models.length === 0) {
    container.replaceChildren(emptyMessage(translate("models.list.empty")));
    return;
  }
  const table = createDataTable(
    translate("models.list.caption"),
    ["name", "task", "versions", "production", "latest"],
    "models.list.column",
  );
  const body = table.createTBody();
  for (const model of models) {
    const row = body.insertRow();
    const isSelected = model.name === selected;
    if (isSelected) {
      row.setAttribute("aria-current", "true");
    }
    const header = document.createElement("th");
    header.scope = "row";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = model.name;
    button.setAttribute("aria-pressed", String(isSelected));
    button.addEventListener("click", () => onSelect(model.name));
    header.append(button);
    row.append(header);
    const taskKey = `models.task.${model.task}`;
    row.insertCell().textContent = hasTranslation(taskKey) ? translate(taskKey) : model.task;
    const count = Array.isArray(model.versions) ? model.versions.length : model.versions;
    row.insertCell().textContent = formatInteger(count ?? 0);
    row.insertCell().textContent = model.production_version
      ? `v${model.production_version}`
      : translate("models.none");
    row.insertCell().textContent = model.latest_version ? `v${model.latest_version}` : "—";
  }
  container.replaceChildren(table);
}

/**
 * The production alias's history, newest first (other aliases are left out).
 * @param {HTMLElement} container
 * @param {PromotionRecord[]} history
 */
export function renderPromotionHistory(container, history) {
  const promotions = history.filter(
    (promotion) => (promotion.alias ?? "production") === "production",
  );
  if (promotions.length === 0) {
    container.replaceChildren(emptyMessage(translate("models.history.empty")));
    return;
  }
  const columns = ["date", "version", "previous", "actor", "reason"];
  const table = createDataTable(
    translate("models.history.caption"),
    columns,
    "models.history.column",
  );
  const body = table.createTBody();
  for (const promotion of [...promotions].reverse()) {
    const row = body.insertRow();
    row.insertCell().textContent = formatDateTime(promotion.promoted_at);
    row.insertCell().textContent = `v${promotion.version}`;
    row.insertCell().textContent = promotion.previous_version
      ? `v${promotion.previous_version}`
      : "—";
    row.insertCell().textContent = promotion.actor || "—";
    row.insertCell().textContent = promotion.reason || "—";
  }
  container.replaceChildren(table);
}
