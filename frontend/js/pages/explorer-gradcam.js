// @ts-check
/**
 * The explorer's Grad-CAM panel: when switched on, lay over the input image the
 * heatmap of where the network looked for the predicted class (or a chosen one).
 */

import { getGradCamPng, getGradCamSummary } from "../api-vision.js";
import { renderHeatLegend } from "../components/explorer-figures.js";
import { renderMessage, renderPngFigure } from "../components/layer-views.js";
import { translate } from "../i18n.js";
import { LatestCall } from "../latest.js";

/** @typedef {import("../api-vision.js").ModelSummary} ModelSummary */

/**
 * @typedef {object} GradCamElements
 * @property {HTMLInputElement} toggle
 * @property {HTMLSelectElement} classSelect
 * @property {HTMLElement} result
 */

/**
 * What the panel needs from the page.
 * @typedef {object} GradCamHost
 * @property {() => {model: ModelSummary | null, image: Blob | null}} input
 * @property {(error: unknown) => void} onProblem
 */

/** The Grad-CAM toggle, class choice and overlay of the page's image. */
export class GradCamPanel {
  /**
   * @param {GradCamElements} elements
   * @param {GradCamHost} host
   */
  constructor(elements, host) {
    this.elements = elements;
    this.host = host;
    /** @type {{url: string, label: string, layer: string} | null} */
    this.gradCam = null;
    this.busy = false;
    this.call = new LatestCall();
    elements.toggle.addEventListener("change", () => {
      if (!elements.toggle.checked) {
        this.clear();
        this.render();
        return;
      }
      this.load();
    });
    elements.classSelect.addEventListener("change", () => this.load());
  }

  /** Drop the heatmap shown and any answer on its way (another model). */
  forget() {
    this.call.drop();
    if (this.gradCam) {
      URL.revokeObjectURL(this.gradCam.url);
    }
    this.gradCam = null;
  }

  /** Drop the heatmap and stop waiting for one (no image, or switched off). */
  clear() {
    this.forget();
    this.busy = false;
  }

  /** Fetch the Grad-CAM overlay (and which class it explains) when the toggle is on. */
  async load() {
    const { model, image } = this.host.input();
    if (!this.elements.toggle.checked || !model || !image) {
      this.render();
      return;
    }
    const value = this.elements.classSelect.value;
    const classIndex = value === "" ? null : Number(value);
    const outcome = this.call.run((signal) =>
      Promise.all([
        getGradCamPng(model.metadata, image, classIndex, { signal }),
        getGradCamSummary(model.metadata, image, classIndex, { signal }),
      ]),
    );
    this.busy = true;
    this.render();
    const answer = await outcome;
    if (!answer) {
      return;
    }
    if (this.gradCam) {
      URL.revokeObjectURL(this.gradCam.url);
    }
    this.gradCam = null;
    if (answer.ok) {
      const [png, summary] = answer.value;
      this.gradCam = { url: URL.createObjectURL(png), label: summary.label, layer: summary.layer };
    } else {
      this.host.onProblem(answer.error);
    }
    this.busy = false;
    this.render();
  }

  /** Offer "the predicted class" and each class of the model, keeping the choice. */
  renderClassSelect() {
    const { classSelect } = this.elements;
    const previous = classSelect.value;
    const names = this.host.input().model?.metadata.class_names ?? [];
    const options = [new Option(translate("explorer.gradcam.predicted"), "")];
    names.forEach((name, index) => options.push(new Option(name, String(index))));
    classSelect.replaceChildren(...options);
    classSelect.value = Number(previous) < names.length ? previous : "";
  }

  render() {
    const { result, toggle } = this.elements;
    result.setAttribute("aria-busy", String(this.busy));
    if (!toggle.checked) {
      result.replaceChildren(renderMessage(translate("explorer.gradcam.off")));
    } else if (!this.host.input().image) {
      result.replaceChildren(renderMessage(translate("explorer.image.none")));
    } else if (this.gradCam) {
      const { url, label, layer } = this.gradCam;
      const { figure } = renderPngFigure(
        url,
        translate("explorer.gradcam.alt"),
        translate("explorer.gradcam.caption", { label, layer }),
        "gradcam-figure",
      );
      figure.querySelector("img")?.after(renderHeatLegend());
      result.replaceChildren(figure);
    } else if (this.busy) {
      result.replaceChildren(renderMessage(translate("explorer.gradcam.busy")));
    } else {
      result.replaceChildren();
    }
  }
}
