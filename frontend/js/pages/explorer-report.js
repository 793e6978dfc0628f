// @ts-check
/**
 * The explorer's report panel: start the analysis report of the chosen model
 * version, follow its progress, then offer the PDF and the HTML page.
 */

import { createReport, getReport } from "../api-vision.js";
import { formatPercent, getLanguage, translate } from "../i18n.js";
import { LatestCall } from "../latest.js";

/** @typedef {import("../api-vision.js").ReportJob} ReportJob */
/** @typedef {import("../api.js").ModelRef} ModelRef */
/** @typedef {import("../latest.js").Turn} Turn */

const POLL_INTERVAL_MS = 700;

/**
 * @typedef {object} ReportElements
 * @property {HTMLSelectElement} language
 * @property {HTMLButtonElement} button
 * @property {HTMLElement} status
 * @property {HTMLElement} links
 * @property {HTMLAnchorElement} pdf
 * @property {HTMLAnchorElement} html
 */

export class ReportPanel {
  /**
   * @param {ReportElements} elements
   * @param {(error: unknown) => void} onProblem
   */
  constructor(elements, onProblem) {
    this.elements = elements;
    this.onProblem = onProblem;
    /** @type {ModelRef | null} */
    this.model = null;
    /** @type {ReportJob | null} */
    this.job = null;
    this.busy = false;
    this.call = new LatestCall(); // a new model or language: late answers are dropped
    /** @type {number | undefined} */
    this.timer = undefined;
    this.languageChosen = false;
    elements.language.addEventListener("change", () => {
      this.languageChosen = true;
      this.reset();
    });
    elements.button.addEventListener("click", () => this.start());
  }

  /** @param {ModelRef | null} model */
  setModel(model) {
    this.model = model;
    this.reset();
  }

  reset() {
    this.call.drop();
    window.clearTimeout(this.timer);
    this.job = null;
    this.busy = false;
    this.render();
  }

  async start() {
    if (!this.model || this.busy) {
      return;
    }
    const turn = this.call.begin();
    this.busy = true;
    this.render();
    try {
      const language = /** @type {"fr" | "en"} */ (this.elements.language.value);
      // Not aborted: the server starts the job whether or not the answer is read.
      const job = await createReport(this.model, language);
      if (turn.isCurrent()) {
        this.follow(job, turn);
      }
    } catch (error) {
      if (turn.isCurrent()) {
        this.busy = false;
        this.render();
        this.onProblem(error);
      }
    }
  }

  /**
   * Show `job`, and poll it again until it has finished.
   * @param {ReportJob} job
   * @param {Turn} turn
   */
  follow(job, turn) {
    this.job = job;
    this.busy = job.status === "queued" || job.status === "running";
    this.render();
    if (!this.busy) {
      return;
    }
    this.timer = window.setTimeout(async () => {
      try {
        const next = await getReport(job.id, { signal: turn.signal });
        if (turn.isCurrent()) {
          this.follow(next, turn);
        }
      } catch (error) {
        if (turn.isCurrent()) {
          this.busy = false;
          this.render();
          this.onProblem(error);
        }
      }
    }, POLL_INTERVAL_MS);
  }

  render() {
    const { language, button, status, links, pdf, html } = this.elements;
    if (!this.languageChosen) {
      language.value = getLanguage();
    }
    button.disabled = !this.model || this.busy;
    const job = this.job;
    links.hidden = job?.status !== "succeeded";
    if (job?.status === "succeeded") {
      pdf.href = job.links.pdf;
      html.href = job.links.html;
    }
    status.replaceChildren(...this.statusNodes(job));
  }

  /**
   * @param {ReportJob | null} job
   * @returns {Node[]}
   */
  statusNodes(job) {
    if (!job) {
      return this.busy ? [text(translate("report.status.sending"))] : [];
    }
    if (job.status === "succeeded") {
      const seconds = new Intl.NumberFormat(getLanguage(), { maximumFractionDigits: 1 }).format(
        job.duration_seconds ?? 0,
      );
      return [text(translate("report.status.done", { seconds }))];
    }
    if (job.status === "failed") {
      return [text(translate("report.status.failed", { error: job.error ?? "" }))];
    }
    const bar = document.createElement("progress");
    bar.max = 1;
    bar.value = job.progress;
    bar.setAttribute("aria-label", translate("report.progress"));
    const stage = translate(`report.stage.${job.stage ?? job.status}`);
    const line = translate("report.status.running", {
      stage,
      percent: formatPercent(job.progress),
    });
    return [text(line), bar];
  }
}

/**
 * @param {string} content
 * @returns {HTMLParagraphElement}
 */
function text(content) {
  const paragraph = document.createElement("p");
  paragraph.textContent = content;
  return paragraph;
}
