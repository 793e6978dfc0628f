// @ts-check
/**
 * The explorer's input image: drawn on the canvas, uploaded, or picked among the
 * test samples. It names the image (with a thumbnail for a file) and asks the page
 * to refresh what depends on it, a little after a stroke.
 */

import { STROKE_END_EVENT } from "../components/drawing-canvas.js";
import { translate } from "../i18n.js";

// Wait a little after a stroke so a two-stroke digit is not analysed half drawn.
const REFRESH_DELAY_MS = 400;

/**
 * @typedef {object} ImageElements
 * @property {import("../components/drawing-canvas.js").DrawingCanvas} drawing
 * @property {HTMLButtonElement} clearButton
 * @property {HTMLInputElement} uploadInput
 * @property {HTMLElement} imageName
 */

/**
 * What the input needs from the page.
 * @typedef {object} ImageHost
 * @property {() => void} onRefresh  Recompute what depends on the image.
 * @property {() => void} onClear  The image is gone.
 */

/** The image the explorer analyses, and the controls that change it. */
export class ImageInput {
  /**
   * @param {ImageElements} elements
   * @param {ImageHost} host
   */
  constructor(elements, host) {
    this.elements = elements;
    this.host = host;
    /** @type {Blob | null} */
    this.image = null;
    /** @type {(() => string) | null} Names the image in the page language; null for the drawing. */
    this.describe = null;
    /** @type {string | null} Object URL of an uploaded image, for its thumbnail. */
    this.url = null;
    /** @type {number | undefined} */
    this.refreshTimer = undefined;
    this.bind();
  }

  bind() {
    const { drawing, uploadInput, clearButton } = this.elements;
    drawing.addEventListener(STROKE_END_EVENT, () => this.set(drawing.toPngBlob(), null));
    drawing.addEventListener("pointerdown", () => window.clearTimeout(this.refreshTimer));
    clearButton.addEventListener("click", () => this.clear());
    drawing.addEventListener("keydown", (event) => {
      if (["Delete", "Backspace", "Escape"].includes(event.key)) {
        event.preventDefault();
        this.clear();
      }
    });
    uploadInput.addEventListener("change", () => {
      const file = uploadInput.files?.[0];
      uploadInput.value = "";
      if (file) {
        this.pick(file, () => file.name);
      }
    });
  }

  /**
   * Use an image that is not the drawing: the canvas is wiped.
   * @param {Blob} image
   * @param {() => string} describe  Its name in the page language; a function, so a
   *   language change renames it.
   */
  pick(image, describe) {
    this.elements.drawing.clear();
    this.set(image, describe);
  }

  /**
   * Use a new input image and refresh what depends on it shortly after.
   * @param {Blob} image
   * @param {(() => string) | null} describe  null for the drawing.
   */
  set(image, describe) {
    this.revokeUrl();
    this.image = image;
    this.describe = describe;
    this.url = describe ? URL.createObjectURL(image) : null;
    this.render();
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(
      () => this.refreshNow(),
      describe ? 0 : REFRESH_DELAY_MS,
    );
  }

  /** Whether a fresh image still waits for its refresh. */
  isWaiting() {
    return this.refreshTimer !== undefined;
  }

  /** Refresh what depends on the image now rather than after the delay. */
  refreshNow() {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.host.onRefresh();
  }

  clear() {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.elements.drawing.clear();
    this.revokeUrl();
    this.image = null;
    this.describe = null;
    this.host.onClear();
  }

  revokeUrl() {
    if (this.url) {
      URL.revokeObjectURL(this.url);
    }
    this.url = null;
  }

  /** Name the image, with a thumbnail for a file or a sample. */
  render() {
    const { imageName } = this.elements;
    let text = translate("explorer.image.none");
    if (this.image) {
      text = this.describe
        ? translate("explorer.image.file", { name: this.describe() })
        : translate("explorer.image.drawing");
    }
    imageName.textContent = text;
    if (this.url) {
      const thumbnail = document.createElement("img");
      thumbnail.className = "upload-thumbnail";
      thumbnail.src = this.url;
      thumbnail.alt = ""; // The text next to it names the image.
      imageName.prepend(thumbnail);
    }
  }
}
