// @ts-check
/**
 * The form that describes a training run: task, dataset (only the available ones
 * of the task), architecture, model name and hyperparameters. It fills its own
 * options and turns its fields into a `TrainingJobSpec`.
 */

import { ApiProblem } from "../api.js";
import { formatInteger, getLanguage, translate } from "../i18n.js";

/** @typedef {import("../api-training.js").DatasetInfo} DatasetInfo */
/** @typedef {import("../api-training.js").TrainingJobSpec} TrainingJobSpec */
/** @typedef {import("../api-training.js").TrainingTask} TrainingTask */

const VALIDATION_TYPE = "/problems/validation";

/** The architectures of each task, the default first (lab_common.jobs.ARCHITECTURES). */
const ARCHITECTURES = {
  "image-classification": ["digits-cnn", "tiny-cnn", "mlp"],
  "text-classification": ["bilstm", "embedding-bag"],
};

/** The registry's longest model name (lab_common.jobs.MAX_MODEL_NAME_CHARACTERS). */
const MAX_MODEL_NAME_CHARACTERS = 64;

/**
 * The server's default model name (lab_common.jobs.default_model_name): never a
 * name the inference pages serve to the whole class.
 * @param {string} dataset
 * @param {string} architecture
 * @param {string | null} team  The key's team; null for an admin or no key.
 * @returns {string}
 */
export function defaultModelName(dataset, architecture, team) {
  const parts = team ? [team, dataset, architecture] : [dataset, architecture];
  return parts.join("-").slice(0, MAX_MODEL_NAME_CHARACTERS);
}

/**
 * @typedef {object} TrainingFormElements
 * @property {HTMLFormElement} form
 * @property {HTMLSelectElement} task
 * @property {HTMLSelectElement} dataset
 * @property {HTMLElement} datasetHint
 * @property {HTMLSelectElement} architecture
 * @property {HTMLElement} architectureHint
 * @property {HTMLInputElement} modelName
 * @property {HTMLElement} modelNameHint
 * @property {HTMLInputElement} epochs
 * @property {HTMLInputElement} batchSize
 * @property {HTMLInputElement} learningRate
 * @property {HTMLSelectElement} optimizer
 * @property {HTMLInputElement} dropout
 * @property {HTMLInputElement} augment
 * @property {HTMLElement} augmentField
 * @property {HTMLInputElement} patience
 * @property {HTMLInputElement} validationShare
 * @property {HTMLInputElement} promote
 */

export class TrainingForm {
  /** @param {TrainingFormElements} elements */
  constructor(elements) {
    this.elements = elements;
    /** @type {DatasetInfo[] | null} null while loading. */
    this.datasets = null;
    /** The model name this form filled in last; the user's own name is kept. */
    this.prefilledName = "";
    /** @type {string | null} The key's team: its models are named after it. */
    this.team = null;
    elements.task.addEventListener("change", () => this.render());
    elements.dataset.addEventListener("change", () => this.render());
    elements.architecture.addEventListener("change", () => this.render());
  }

  /** @param {DatasetInfo[]} datasets */
  setDatasets(datasets) {
    this.datasets = datasets;
    this.render();
  }

  /** @param {string | null} team  The key's team; null for an admin or no key. */
  setTeam(team) {
    this.team = team;
    this.renderModelName();
  }

  /** @returns {TrainingTask} */
  get task() {
    return this.elements.task.value === "text-classification"
      ? "text-classification"
      : "image-classification";
  }

  /** Fill the options and hints for the chosen task and dataset (also after a language change). */
  render() {
    const { elements } = this;
    this.renderDatasets();
    const previousArchitecture = elements.architecture.value;
    const architectures = ARCHITECTURES[this.task];
    elements.architecture.replaceChildren(
      ...architectures.map((id) => option(id, translate(`jobs.architecture.${id}`))),
    );
    elements.architecture.value = architectures.includes(previousArchitecture)
      ? previousArchitecture
      : architectures[0];
    elements.architectureHint.textContent = translate(
      `jobs.architecture.${elements.architecture.value}.hint`,
    );
    elements.augmentField.hidden = this.task !== "image-classification";
    this.renderModelName();
  }

  renderDatasets() {
    const { dataset, datasetHint } = this.elements;
    if (this.datasets === null) {
      dataset.replaceChildren(option("", translate("jobs.dataset.loading")));
      datasetHint.textContent = "";
      return;
    }
    const previous = dataset.value;
    const ofTask = this.datasets.filter((item) => taskOf(item) === this.task);
    const options = ofTask.map((item) => {
      const label = item.available
        ? item.id
        : translate("jobs.dataset.unavailable", { id: item.id });
      const element = option(item.id, label);
      element.disabled = !item.available;
      return element;
    });
    const available = ofTask.filter((item) => item.available);
    if (available.length === 0) {
      options.unshift(option("", translate("jobs.dataset.none")));
    }
    dataset.replaceChildren(...options);
    dataset.value = available.some((item) => item.id === previous)
      ? previous
      : (available[0]?.id ?? "");
    datasetHint.replaceChildren(
      ...describeDatasets(
        ofTask.find((item) => item.id === dataset.value),
        ofTask,
      ),
    );
  }

  /** Suggest the server's default name (the team's own), unless the user typed one. */
  renderModelName() {
    const { modelName, modelNameHint, dataset, architecture } = this.elements;
    const suggested = dataset.value
      ? defaultModelName(dataset.value, architecture.value, this.team)
      : "";
    if (modelName.value.trim() === "" || modelName.value.trim() === this.prefilledName) {
      modelName.value = suggested;
      this.prefilledName = suggested;
    }
    modelName.placeholder = suggested;
    modelNameHint.textContent = translate("jobs.modelName.hint", { default: suggested || "…" });
  }

  /**
   * The spec to send; empty fields are left to the server's defaults.
   * @returns {TrainingJobSpec}
   * @throws {ApiProblem} When no dataset is chosen or a number field holds no number.
   */
  readSpec() {
    const fields = this.elements;
    if (!fields.dataset.value) {
      throw new ApiProblem({
        type: VALIDATION_TYPE,
        status: 422,
        detail: translate("jobs.error.dataset"),
      });
    }
    /** @type {TrainingJobSpec} */
    const spec = {
      task: this.task,
      dataset: fields.dataset.value,
      architecture: fields.architecture.value,
      optimizer: /** @type {TrainingJobSpec["optimizer"]} */ (fields.optimizer.value),
      promote: fields.promote.checked,
      early_stopping_patience: readNumber(fields.patience) ?? null,
    };
    const name = fields.modelName.value.trim();
    if (name) {
      spec.model_name = name;
    }
    /** @type {[keyof TrainingJobSpec, HTMLInputElement][]} */
    const numbers = [
      ["epochs", fields.epochs],
      ["batch_size", fields.batchSize],
      ["learning_rate", fields.learningRate],
      ["dropout", fields.dropout],
      ["validation_share", fields.validationShare],
    ];
    for (const [key, input] of numbers) {
      const value = readNumber(input);
      if (value !== undefined) {
        Object.assign(spec, { [key]: value });
      }
    }
    if (spec.task === "image-classification") {
      spec.augment = fields.augment.checked;
    }
    return spec;
  }
}

/**
 * @param {DatasetInfo} dataset
 * @returns {string} The task in the API's words, whichever way the server spells it.
 */
function taskOf(dataset) {
  return String(dataset.task).startsWith("text") ? "text-classification" : "image-classification";
}

/**
 * The chosen dataset's description, classes and size; then, folded, why the
 * greyed ones cannot be used.
 * @param {DatasetInfo | undefined} chosen
 * @param {DatasetInfo[]} ofTask
 * @returns {HTMLElement[]}
 */
function describeDatasets(chosen, ofTask) {
  const facts = [];
  if (chosen) {
    const title = (getLanguage() === "fr" && chosen.title_fr) || chosen.title;
    if (title && title !== chosen.id) {
      facts.push(title);
    }
    const classes = Array.isArray(chosen.classes) ? chosen.classes.length : chosen.classes;
    if (typeof classes === "number") {
      facts.push(translate("jobs.dataset.classes", { count: formatInteger(classes) }));
    }
    const size = sizeOf(chosen.size);
    if (size !== null) {
      facts.push(translate("jobs.dataset.size", { count: formatInteger(size) }));
    }
  }
  const description = document.createElement("p");
  description.textContent = facts.join(" · ");
  const unavailable = ofTask.filter((dataset) => !dataset.available);
  if (unavailable.length === 0) {
    return [description];
  }
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = translate("jobs.dataset.why.summary", { count: unavailable.length });
  const list = document.createElement("ul");
  for (const item of unavailable) {
    const entry = document.createElement("li");
    const reason = item.unavailable_reason || translate("jobs.dataset.missing");
    entry.textContent = translate("jobs.dataset.why", { id: item.id, reason });
    list.append(entry);
  }
  details.append(summary, list);
  return [description, details];
}

/**
 * @param {DatasetInfo["size"]} size  A count, or a count per split.
 * @returns {number | null} How many examples in all.
 */
function sizeOf(size) {
  if (typeof size === "number") {
    return size;
  }
  if (size && typeof size === "object") {
    return Object.values(size).reduce((total, count) => total + (Number(count) || 0), 0);
  }
  return null;
}

/**
 * The number in `input`, undefined when it is empty.
 * @param {HTMLInputElement} input
 * @returns {number | undefined}
 * @throws {ApiProblem} When the browser could not read a number.
 */
function readNumber(input) {
  if (
    input.validity.badInput ||
    (input.value.trim() !== "" && !Number.isFinite(input.valueAsNumber))
  ) {
    const label = input.labels?.[0]?.textContent?.trim() ?? input.name;
    throw new ApiProblem({
      type: VALIDATION_TYPE,
      status: 422,
      detail: translate("jobs.error.number", { field: label }),
    });
  }
  return input.value.trim() === "" ? undefined : input.valueAsNumber;
}

/**
 * @param {string} value
 * @param {string} label
 * @returns {HTMLOptionElement}
 */
function option(value, label) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}
