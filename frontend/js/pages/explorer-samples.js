// @ts-check
/**
 * The explorer's strip of test images from the model's own dataset: one click
 * makes a sample the input image.
 */

import { listDatasetSamples } from "../api-vision.js";
import { translate } from "../i18n.js";
import { LatestCall } from "../latest.js";

/** @typedef {import("../api-vision.js").DatasetSample} DatasetSample */
/** @typedef {import("../api.js").ModelRef} ModelRef */

/**
 * @param {string} base64
 * @returns {Blob}
 */
function pngBlob(base64) {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return new Blob([bytes], { type: "image/png" });
}

export class SampleStrip {
  /**
   * @param {HTMLElement} container  Receives one button per sample.
   * @param {(image: Blob, describe: () => string) => void} onPick  `describe` names
   *   the sample in the current page language.
   */
  constructor(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    /** @type {DatasetSample[] | null} null while loading */
    this.samples = [];
    /** @type {string} */
    this.message = "";
    this.call = new LatestCall();
  }

  /**
   * Show the samples of `model` (none without a model).
   * @param {ModelRef | null} model
   */
  async show(model) {
    this.call.drop();
    this.samples = model ? null : [];
    this.message = "";
    this.render();
    if (!model) {
      return;
    }
    const outcome = await this.call.run((signal) => listDatasetSamples(model, { signal }));
    if (!outcome) {
      return;
    }
    if (outcome.ok) {
      this.samples = outcome.value;
    } else {
      const { error } = outcome;
      this.samples = [];
      this.message = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }

  render() {
    if (this.samples === null) {
      const loading = document.createElement("p");
      loading.className = "hint";
      loading.textContent = translate("explorer.samples.loading");
      this.container.replaceChildren(loading);
      return;
    }
    if (this.samples.length === 0) {
      const none = document.createElement("p");
      none.className = "hint";
      none.textContent = this.message || translate("explorer.samples.none");
      this.container.replaceChildren(none);
      return;
    }
    this.container.replaceChildren(...this.samples.map((sample) => this.button(sample)));
  }

  /**
   * @param {DatasetSample} sample
   * @returns {HTMLButtonElement}
   */
  button(sample) {
    const name = translate("explorer.samples.name", { label: sample.label, index: sample.index });
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sample";
    button.title = name;
    const image = document.createElement("img");
    image.src = `data:image/png;base64,${sample.image_png_b64}`;
    image.alt = name;
    image.width = 40;
    image.height = 40;
    button.append(image);
    const describe = () =>
      translate("explorer.samples.name", { label: sample.label, index: sample.index });
    button.addEventListener("click", () => this.onPick(pngBlob(sample.image_png_b64), describe));
    return button;
  }
}
