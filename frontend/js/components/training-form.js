// @ts-check
/**
 * The form that describes a training run: task, dataset (only the available ones
 * of the task), architecture (and its word vectors), model name and
 * hyperparameters. It fills its own options and turns its fields into a
 * `TrainingJobSpec`.
 */

import { ApiProblem } from "../api.js";
import { formatInteger, getLanguage, translate } from "../i18n.js";

/** @typedef {import("../api-training.js").DatasetInfo} DatasetInfo */
/** @typedef {import("../api-training.js").TrainingJobSpec} TrainingJobSpec */
/** @typedef {import("../api-training.js").TrainingTask} TrainingTask */

const VALIDATION_TYPE = "/problems/validation";

/** The architectures of each task, the default first (lab_common.jobs.ARCHITECTURES). */
const ARCHITECTURES = {
  "image-classification": ["digits-cnn", "tiny-cnn", "mlp", "dense"],
  "text-classification": ["bilstm", "embedding-bag", "bilstm-pretrained"],
};

/** The architecture whose embedding starts from pretrained word vectors. */
const PRETRAINED_BILSTM = "bilstm-pretrained";

/** Its `embedding` values (lab_common.jobs.EMBEDDINGS) and the texts' language each suits. */
const EMBEDDING_LANGUAGES = {
  "fr-fasttext-300": "fr",
  "en-glove-50": "en",
  random: null,
};

/** The vectors the server takes for a dataset of each language (vectors.default_embedding). */
const DEFAULT_EMBEDDINGS = { fr: "fr-fasttext-300", en: "en-glove-50" };

/** The option that leaves the vectors to the server (an upload's language is unknown here). */
const AUTOMATIC_EMBEDDING = "";

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
export function defaultModelName(dataset, architecture, team, embedding = null) {
  const parts = [team, dataset, architecture, embedding].filter(Boolean);
  return parts.join("-").slice(0, MAX_MODEL_NAME_CHARACTERS);
}

/**
 * The vectors a default model name mentions (TrainingJobSpec.embedding_in_name):
 * none for the dataset language's own, so the two kinds of run get two names.
 * @param {string} embedding  "" when left to the server.
 * @param {string | null | undefined} language  The dataset's, when known.
 * @returns {string | null}
 */
function embeddingInName(embedding, language) {
  if (!embedding) {
    return null;
  }
  return language && embedding === defaultEmbedding(language) ? null : embedding;
}

/**
 * @param {string | null | undefined} language
 * @returns {string}  The dataset language's vectors, or the automatic choice.
 */
function defaultEmbedding(language) {
  return DEFAULT_EMBEDDINGS[/** @type {"fr" | "en"} */ (language ?? "")] ?? AUTOMATIC_EMBEDDING;
}

/**
 * @typedef {object} TrainingFormElements
 * @property {HTMLFormElement} form
 * @property {HTMLSelectElement} task
 * @property {HTMLSelectElement} dataset
 * @property {HTMLElement} datasetHint
 * @property {HTMLSelectElement} architecture
 * @property {HTMLElement} architectureHint
 * @property {HTMLElement} embeddingField  Shown for bilstm-pretrained only.
 * @property {HTMLSelectElement} embedding
 * @property {HTMLElement} embeddingHint
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
    /** The vectors this form chose last; a choice of the user's is kept. */
    this.prefilledEmbedding = AUTOMATIC_EMBEDDING;
    /** @type {{id: string, dataset: string} | null} The challenge jobs are bound to. */
    this.challenge = null;
    elements.task.addEventListener("change", () => this.render());
    elements.dataset.addEventListener("change", () => this.render());
    elements.architecture.addEventListener("change", () => this.render());
    elements.embedding.addEventListener("change", () => this.render());
  }

  /** @returns {DatasetInfo | undefined} The chosen dataset's catalogue entry. */
  get chosenDataset() {
    return this.datasets?.find((item) => item.id === this.elements.dataset.value);
  }

  /** @param {DatasetInfo[]} datasets */
  setDatasets(datasets) {
    this.datasets = datasets;
    if (this.challenge) {
      this.setChallenge(this.challenge); // its dataset's task, now known
      return;
    }
    this.render();
  }

  /** @param {string | null} team  The key's team; null for an admin or no key. */
  setTeam(team) {
    this.team = team;
    this.renderModelName();
  }

  /**
   * Bind the jobs to a challenge: its dataset only, never promoted.
   * @param {{id: string, dataset: string} | null} challenge
   */
  setChallenge(challenge) {
    this.challenge = challenge;
    const { task, dataset, promote } = this.elements;
    task.disabled = dataset.disabled = promote.disabled = challenge !== null;
    if (challenge) {
      promote.checked = false;
      const entry = this.datasets?.find((item) => item.id === challenge.dataset);
      task.value = entry ? taskOf(entry) : "image-classification";
    }
    this.render();
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
    this.renderEmbedding();
    this.renderModelName();
  }

  /** The word-vector choice of bilstm-pretrained: the dataset language's by default. */
  renderEmbedding() {
    const { embeddingField, embedding, embeddingHint, architecture } = this.elements;
    embeddingField.hidden = architecture.value !== PRETRAINED_BILSTM;
    const language = this.chosenDataset?.language;
    const choices = Object.keys(EMBEDDING_LANGUAGES);
    if (!language) {
      choices.unshift(AUTOMATIC_EMBEDDING);
    }
    const previous = embedding.value;
    embedding.replaceChildren(
      ...choices.map((id) => option(id, translate(`jobs.embedding.${id || "auto"}`))),
    );
    const suggested = defaultEmbedding(language);
    const keep = previous !== this.prefilledEmbedding && choices.includes(previous);
    embedding.value = keep ? previous : suggested;
    this.prefilledEmbedding = suggested;
    const hint = document.createElement("p");
    hint.textContent = translate(`jobs.embedding.${embedding.value || "auto"}.hint`);
    const parts = [hint];
    const vectorsLanguage =
      EMBEDDING_LANGUAGES[/** @type {keyof typeof EMBEDDING_LANGUAGES} */ (embedding.value)];
    if (language && vectorsLanguage && vectorsLanguage !== language) {
      const warning = document.createElement("p");
      warning.className = "embedding-warning";
      warning.textContent = translate("jobs.embedding.mismatch", {
        vectors: translate(`jobs.language.${vectorsLanguage}`),
        texts: translate(`jobs.language.${language}`),
      });
      parts.push(warning);
    }
    embeddingHint.replaceChildren(...parts);
  }

  /** @returns {string | null} The `embedding` to send; null when none applies. */
  get chosenEmbedding() {
    const { architecture, embedding } = this.elements;
    return architecture.value === PRETRAINED_BILSTM && embedding.value ? embedding.value : null;
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
    const wanted = this.challenge?.dataset ?? previous;
    dataset.value = available.some((item) => item.id === wanted)
      ? wanted
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
    const vectors = embeddingInName(this.chosenEmbedding ?? "", this.chosenDataset?.language);
    const suggested = dataset.value
      ? defaultModelName(dataset.value, architecture.value, this.team, vectors)
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
    const embedding = this.chosenEmbedding;
    if (embedding) {
      spec.embedding = /** @type {TrainingJobSpec["embedding"]} */ (embedding);
    }
    if (this.challenge) {
      spec.challenge_id = this.challenge.id;
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
