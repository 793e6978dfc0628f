// @ts-check
/**
 * The versions of one model as a table: metrics, data, training settings, origin,
 * and a button to promote each version that is not in production.
 */

import {
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatInteger,
  formatPercent,
  translate,
} from "../i18n.js";
import { createDataTable, emptyMessage } from "./data-table.js";

/** @typedef {import("../api-training.js").ModelVersionInfo} ModelVersionInfo */

// The training settings worth a glance, in reading order; all are in the details.
const SUMMARY_KEYS = [
  "architecture",
  "embedding",
  "epochs",
  "batch_size",
  "optimizer",
  "learning_rate",
  "dropout",
];

/**
 * The versions of one model, newest first.
 * @param {HTMLElement} container
 * @param {ModelVersionInfo[]} versions
 * @param {{highlighted: string | null, busyVersion: string | null,
 *   onPromote: (version: string) => void}} options
 */
export function renderVersions(container, versions, { highlighted, busyVersion, onPromote }) {
  if (versions.length === 0) {
    container.replaceChildren(emptyMessage(translate("models.versions.empty")));
    return;
  }
  const production = versions.find((item) => item.is_production)?.version ?? null;
  const columns = [
    "version",
    "state",
    "accuracy",
    "dataset",
    "config",
    "duration",
    "created",
    "action",
  ];
  const table = createDataTable(
    translate("models.versions.caption"),
    columns,
    "models.versions.column",
  );
  const body = table.createTBody();
  const sorted = [...versions].sort((a, b) => Number(b.version) - Number(a.version));
  for (const item of sorted) {
    const row = body.insertRow();
    row.dataset.version = item.version;
    if (item.version === highlighted) {
      row.classList.add("is-highlighted");
    }
    const header = document.createElement("th");
    header.scope = "row";
    header.textContent = `v${item.version}`;
    row.append(header);
    const state = row.insertCell();
    if (item.is_production) {
      const badge = document.createElement("span");
      badge.className = "production-badge";
      badge.textContent = translate("models.production");
      state.append(badge);
    }
    row.insertCell().append(...renderMetrics(item.metrics ?? {}));
    row.insertCell().append(...renderDataset(item.dataset));
    row.insertCell().append(renderConfig(item.training_config ?? {}));
    row.insertCell().textContent = Number.isFinite(item.duration_seconds)
      ? formatDuration(/** @type {number} */ (item.duration_seconds))
      : "—";
    row.insertCell().append(...renderOrigin(item));
    const action = row.insertCell();
    if (!item.is_production) {
      action.append(renderPromoteButton(item.version, production, busyVersion, onPromote));
    }
  }
  container.replaceChildren(table);
}

/**
 * "Promote v3", or "Back to v2" for a version older than the production one.
 * @param {string} version
 * @param {string | null} production
 * @param {string | null} busyVersion
 * @param {(version: string) => void} onPromote
 * @returns {HTMLButtonElement}
 */
function renderPromoteButton(version, production, busyVersion, onPromote) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary button-small";
  const isRollback = production !== null && Number(version) < Number(production);
  button.textContent = translate(isRollback ? "models.rollback" : "models.promote", { version });
  button.disabled = busyVersion !== null;
  button.setAttribute("aria-busy", String(busyVersion === version));
  button.addEventListener("click", () => onPromote(version));
  return button;
}

/**
 * @param {Record<string, number>} metrics
 * @returns {(string | HTMLElement)[]}
 */
function renderMetrics(metrics) {
  const accuracy = metrics.test_accuracy ?? metrics.accuracy;
  /** @type {(string | HTMLElement)[]} */
  const parts = [Number.isFinite(accuracy) ? formatPercent(accuracy) : "—"];
  const loss = metrics.test_loss ?? metrics.loss;
  if (Number.isFinite(loss)) {
    parts.push(smallLine(translate("models.loss", { value: formatDecimal(loss, 3) })));
  }
  return parts;
}

/**
 * @param {{id: string, splits?: Record<string, number>} | undefined} dataset
 * @returns {(string | HTMLElement)[]}
 */
function renderDataset(dataset) {
  if (!dataset) {
    return ["—"];
  }
  const splits = Object.entries(dataset.splits ?? {}).map(
    ([split, count]) => `${split} ${formatInteger(count)}`,
  );
  return splits.length > 0 ? [dataset.id, smallLine(splits.join(" · "))] : [dataset.id];
}

/**
 * A one-line summary that opens on every setting.
 * @param {Record<string, unknown>} config
 * @returns {HTMLElement}
 */
function renderConfig(config) {
  const entries = Object.entries(config);
  if (entries.length === 0) {
    const none = document.createElement("span");
    none.textContent = "—";
    return none;
  }
  const details = document.createElement("details");
  details.className = "config-details";
  const summary = document.createElement("summary");
  summary.textContent =
    SUMMARY_KEYS.filter((key) => config[key] !== undefined && config[key] !== null)
      .map((key) => translate(`models.config.${key}`, { value: summaryValue(key, config[key]) }))
      .join(" · ") || translate("models.config.all");
  const list = document.createElement("dl");
  for (const [key, value] of entries) {
    const term = document.createElement("dt");
    term.textContent = key;
    const definition = document.createElement("dd");
    definition.textContent = displayValue(value);
    list.append(term, definition);
  }
  details.append(summary, list);
  return details;
}

/**
 * When, by whom, and from which training run.
 * @param {ModelVersionInfo} item
 * @returns {(string | HTMLElement)[]}
 */
function renderOrigin(item) {
  /** @type {(string | HTMLElement)[]} */
  const parts = [formatDateTime(item.created_at) || "—"];
  if (item.owner) {
    parts.push(smallLine(translate("models.owner", { owner: item.owner })));
  }
  if (item.job_id) {
    const link = document.createElement("a");
    link.href = `jobs.html?${new URLSearchParams({ job: item.job_id })}`;
    link.textContent = translate("models.job.link");
    parts.push(smallLine(link));
  }
  return parts;
}

/**
 * A setting as the summary line says it: word vectors by name.
 * @param {string} key
 * @param {unknown} value
 * @returns {string}
 */
function summaryValue(key, value) {
  return key === "embedding" && typeof value === "string"
    ? translate(`jobs.embedding.${value}`)
    : displayValue(value);
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function displayValue(value) {
  if (typeof value === "number") {
    return formatDecimal(value, 6);
  }
  if (typeof value === "boolean") {
    return translate(value ? "models.yes" : "models.no");
  }
  if (value === null || value === undefined) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * @param {string | Node} content
 * @returns {HTMLElement}
 */
function smallLine(content) {
  const line = document.createElement("span");
  line.className = "cell-note";
  line.append(content);
  return line;
}
