// @ts-check
/**
 * `<lab-drawing-canvas>`: draw with a mouse, a finger or a pen on the `<canvas>` it
 * wraps (one is created if the markup has none). Ink is light and the canvas stays
 * transparent, so the exported PNG carries the strokes in its alpha channel; the
 * server reads alpha as ink. Fires `stroke-end` (bubbling) when a stroke is lifted.
 */

export const DRAWING_CANVAS_TAG = "lab-drawing-canvas";
export const STROKE_END_EVENT = "stroke-end";

// MNIST strokes are about 2-3 px wide on 28 px: keep that proportion whatever
// the canvas resolution, so the downscaled drawing looks like the training data.
const STROKE_WIDTH_PER_PIXEL = 0.08;
const INK_COLOUR = "#f8fafc";
const DEFAULT_SIDE_PIXELS = 280;

/** @typedef {{x: number, y: number}} Point */

export class DrawingCanvas extends HTMLElement {
  /** @type {HTMLCanvasElement | null} */
  #canvas = null;
  /** @type {CanvasRenderingContext2D | null} */
  #context = null;
  /** @type {number | null} */
  #pointerId = null;
  /** @type {Point | null} */
  #lastPoint = null;
  #hasInk = false;

  connectedCallback() {
    if (this.#canvas) {
      return;
    }
    const canvas = this.querySelector("canvas") ?? this.#createCanvas();
    const context = canvas.getContext("2d");
    if (!context) {
      return; // No 2D support: the upload path still works.
    }
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = INK_COLOUR;
    context.fillStyle = INK_COLOUR;
    context.lineWidth = canvas.width * STROKE_WIDTH_PER_PIXEL;
    this.#canvas = canvas;
    this.#context = context;
    canvas.addEventListener("pointerdown", (event) => this.#startStroke(event));
    canvas.addEventListener("pointermove", (event) => this.#continueStroke(event));
    canvas.addEventListener("pointerup", (event) => this.#endStroke(event));
    canvas.addEventListener("pointercancel", (event) => this.#endStroke(event));
  }

  /** @returns {boolean} Whether nothing has been drawn since the last clear. */
  get isEmpty() {
    return !this.#hasInk;
  }

  /** Wipe the drawing. */
  clear() {
    if (this.#canvas && this.#context) {
      this.#context.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    }
    this.#hasInk = false;
    this.#pointerId = null;
    this.#lastPoint = null;
  }

  /**
   * The drawing as a PNG (transparent background, light ink).
   * @returns {Blob}
   */
  toPngBlob() {
    if (!this.#canvas) {
      throw new Error("The drawing canvas is not ready.");
    }
    // toDataURL rather than toBlob: Chromium may defer toBlob's encoding to an
    // idle period (up to a second), while a 280×280 PNG encodes in milliseconds.
    const dataUrl = this.#canvas.toDataURL("image/png");
    const binary = atob(dataUrl.slice(dataUrl.indexOf(",") + 1));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    return new Blob([bytes], { type: "image/png" });
  }

  /** @returns {HTMLCanvasElement} */
  #createCanvas() {
    const canvas = document.createElement("canvas");
    canvas.width = DEFAULT_SIDE_PIXELS;
    canvas.height = DEFAULT_SIDE_PIXELS;
    this.append(canvas);
    return canvas;
  }

  /** @param {PointerEvent} event */
  #startStroke(event) {
    if (this.#pointerId !== null || (event.pointerType === "mouse" && event.button !== 0)) {
      return;
    }
    event.preventDefault();
    this.#canvas?.setPointerCapture(event.pointerId);
    this.#pointerId = event.pointerId;
    const point = this.#toCanvasPoint(event);
    this.#drawDot(point); // A tap alone leaves a mark, as a pen would.
    this.#lastPoint = point;
  }

  /** @param {PointerEvent} event */
  #continueStroke(event) {
    if (event.pointerId !== this.#pointerId) {
      return;
    }
    event.preventDefault();
    // Coalesced events keep fast strokes smooth when the browser batches moves.
    const events = event.getCoalescedEvents?.() ?? [];
    for (const move of events.length > 0 ? events : [event]) {
      this.#drawLineTo(this.#toCanvasPoint(move));
    }
  }

  /** @param {PointerEvent} event */
  #endStroke(event) {
    if (event.pointerId !== this.#pointerId) {
      return;
    }
    this.#pointerId = null;
    this.#lastPoint = null;
    this.dispatchEvent(new CustomEvent(STROKE_END_EVENT, { bubbles: true }));
  }

  /** @param {Point} point */
  #drawDot(point) {
    const context = this.#context;
    if (!context) {
      return;
    }
    context.beginPath();
    context.arc(point.x, point.y, context.lineWidth / 2, 0, 2 * Math.PI);
    context.fill();
    this.#hasInk = true;
  }

  /** @param {Point} point */
  #drawLineTo(point) {
    const context = this.#context;
    const from = this.#lastPoint;
    if (!context || !from) {
      return;
    }
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(point.x, point.y);
    context.stroke();
    this.#lastPoint = point;
    this.#hasInk = true;
  }

  /**
   * Map a pointer position (CSS pixels) to canvas pixels, whatever its display size.
   * @param {PointerEvent} event
   * @returns {Point}
   */
  #toCanvasPoint(event) {
    const canvas = /** @type {HTMLCanvasElement} */ (this.#canvas);
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  }
}

/** Define `<lab-drawing-canvas>` once; safe to call from several pages. */
export function registerDrawingCanvas() {
  if (!customElements.get(DRAWING_CANVAS_TAG)) {
    customElements.define(DRAWING_CANVAS_TAG, DrawingCanvas);
  }
}
