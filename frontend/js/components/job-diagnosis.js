// @ts-check
/**
 * The "Diagnostic" panel of a finished job: the server's automatic diagnosis
 * (each finding's sentence and things to try, and the rules it could not check).
 */

import { getTrainingJobDiagnosis } from "../api-training.js";
import { getLanguage, translate } from "../i18n.js";
import { LatestCall } from "../latest.js";
import { TERMINAL_STATUSES } from "./job-history.js";

/** @typedef {import("../api-training.js").TrainingJob} TrainingJob */
/** @typedef {import("../api-training.js").JobDiagnosis} JobDiagnosis */

/**
 * @typedef {object} DiagnosisElements
 * @property {HTMLElement} panel  Hidden until a finished job's diagnosis arrives.
 * @property {HTMLElement} body
 */

export class JobDiagnosisPanel {
  /**
   * @param {DiagnosisElements} elements
   * @param {{getKey: () => string, onProblem: (error: unknown) => void}} hooks
   */
  constructor(elements, hooks) {
    this.elements = elements;
    this.hooks = hooks;
    this.loads = new LatestCall();
    /** What the panel shows (job, status, language): asked once per change. */
    this.shownFor = "";
  }

  /**
   * Show the diagnosis of `job` once it has ended; hide the panel before.
   * @param {TrainingJob | null} job
   */
  async show(job) {
    if (!job || !TERMINAL_STATUSES.has(job.status)) {
      this.loads.drop();
      this.shownFor = "";
      this.elements.panel.hidden = true;
      return;
    }
    const wanted = [job.id, job.status, job.model_version, getLanguage()].join("|");
    if (wanted === this.shownFor) {
      return;
    }
    this.shownFor = wanted;
    const turn = this.loads.begin();
    try {
      const diagnosis = await getTrainingJobDiagnosis(job.id, this.hooks.getKey(), turn);
      if (turn.isCurrent()) {
        renderJobDiagnosis(this.elements.body, diagnosis);
        this.elements.panel.hidden = false;
      }
    } catch (error) {
      if (turn.isCurrent()) {
        this.shownFor = "";
        this.elements.panel.hidden = true;
        this.hooks.onProblem(error);
      }
    }
  }
}

/**
 * The verdict, each finding (title, sentence, things to try), then what was not checked.
 * @param {HTMLElement} container
 * @param {JobDiagnosis} diagnosis
 */
export function renderJobDiagnosis(container, diagnosis) {
  const nodes = [element("p", "diagnosis-summary", diagnosis.summary)];
  if (diagnosis.findings.length) {
    const list = element("ul", "diagnosis-findings");
    for (const finding of diagnosis.findings) {
      const item = element("li", "diagnosis-finding");
      item.dataset.code = finding.code;
      const tries = element("ul", "diagnosis-tries");
      tries.append(...finding.suggestions.map((text) => element("li", "", text)));
      item.append(
        element("h4", "", finding.title),
        element("p", "", finding.message),
        element("p", "diagnosis-try-label", translate("jobs.diagnosis.try")),
        tries,
      );
      list.append(item);
    }
    nodes.push(list);
  }
  if (diagnosis.unchecked.length) {
    const details = element("details", "diagnosis-unchecked");
    const count = { count: diagnosis.unchecked.length };
    const list = element("ul", "");
    list.append(...diagnosis.unchecked.map((item) => element("li", "", item.message)));
    details.append(element("summary", "", translate("jobs.diagnosis.unchecked", count)), list);
    nodes.push(details);
  }
  container.replaceChildren(...nodes);
}

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
