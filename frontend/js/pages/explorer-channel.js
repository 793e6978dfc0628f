// @ts-check
/**
 * The explorer's open map: one channel of the selected layer enlarged, with its
 * statistics, the kernel of its filter and the input pattern that filter likes most.
 */

import { getFeatureMapsPng, getFilterPatternPng, getFilterPng } from "../api-vision.js";
import { formatNumber, renderMessage, renderPngFigure } from "../components/layer-views.js";
import { formatPercent, translate } from "../i18n.js";

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */
/** @typedef {import("../api.js").ModelRef} ModelRef */
/** @typedef {import("../latest.js").Turn} Turn */
/** @typedef {import("../api-vision.js").FeatureMapStats} FeatureMapStats */

/**
 * @typedef {object} ChannelView
 * @property {number} channel
 * @property {string | null} mapUrl
 * @property {string | null} kernelUrl
 * @property {string | null} patternUrl
 * @property {boolean} patternBusy
 */

/**
 * Free the object URLs of `view`'s images.
 * @param {ChannelView | null} view
 */
export function revokeChannelView(view) {
  for (const url of [view?.mapUrl, view?.kernelUrl, view?.patternUrl]) {
    if (url) {
      URL.revokeObjectURL(url);
    }
  }
}

/**
 * @typedef {object} ChannelSource
 * @property {ModelRef} model
 * @property {LayerSummary} layer  The layer whose map is open.
 * @property {Blob} image
 */

/**
 * @typedef {object} ChannelHost
 * @property {() => void} onChange  Part of the view arrived: render it again.
 * @property {(error: unknown) => void} onProblem
 */

/**
 * Fill `view` as its parts arrive: the enlarged map and the kernel first, then the
 * pattern the filter likes most (that one may take a few seconds). Nothing is
 * applied once `turn` is stale.
 * @param {ChannelSource} source
 * @param {ChannelView} view
 * @param {Turn} turn
 * @param {ChannelHost} host
 */
export async function fillChannelView({ model, layer, image }, view, turn, host) {
  const { channel } = view;
  const { signal, isCurrent } = turn;
  const conv = layer.conv_layer ?? null;
  view.patternBusy = conv !== null;
  const pattern = conv === null ? null : getFilterPatternPng(model, conv, channel, { signal });
  // A stale turn never awaits the pattern: its abort must not surface as an error.
  pattern?.catch(() => undefined);
  try {
    const [map, kernel] = await Promise.all([
      getFeatureMapsPng(model, layer.name, image, { channel, signal }),
      conv === null ? Promise.resolve(null) : getFilterPng(model, conv, channel, { signal }),
    ]);
    if (!isCurrent()) {
      return;
    }
    view.mapUrl = URL.createObjectURL(map.png);
    view.kernelUrl = kernel ? URL.createObjectURL(kernel) : null;
  } catch (error) {
    if (isCurrent()) {
      host.onProblem(error);
    }
  }
  if (isCurrent()) {
    host.onChange();
  }
  if (pattern) {
    await fillPattern(view, pattern, isCurrent, host);
  }
}

/**
 * @param {ChannelView} view
 * @param {Promise<Blob>} pattern
 * @param {() => boolean} isCurrent
 * @param {ChannelHost} host
 */
async function fillPattern(view, pattern, isCurrent, host) {
  try {
    const png = await pattern;
    if (isCurrent()) {
      view.patternUrl = URL.createObjectURL(png);
    }
  } catch (error) {
    if (isCurrent()) {
      host.onProblem(error);
    }
  }
  if (isCurrent()) {
    view.patternBusy = false;
    host.onChange();
  }
}

/**
 * The open map: enlarged, its statistics, its kernel and its favourite pattern.
 * @param {ChannelView} view
 * @param {LayerSummary} layer
 * @param {LayerSummary[]} layers  All the model's layers, to find the kernel's inputs.
 * @param {FeatureMapStats | null} stats
 * @returns {HTMLElement}
 */
export function renderChannelSection(view, layer, layers, stats) {
  const { channel } = view;
  const section = document.createElement("section");
  section.className = "channel-view";
  const heading = document.createElement("h4");
  heading.textContent = translate("explorer.channel.heading", { channel, layer: layer.name });
  section.append(heading);
  const mean = stats?.mean_activation[channel];
  const zeros = stats?.zero_fraction[channel];
  if (mean !== undefined && zeros !== undefined) {
    const facts = document.createElement("p");
    facts.className = "layer-facts";
    facts.textContent = [
      translate("explorer.channel.mean", { value: formatNumber(mean) }),
      translate("explorer.channel.zeros", { value: formatPercent(zeros) }),
    ].join(" · ");
    section.append(facts);
  }
  const figures = document.createElement("div");
  figures.className = "channel-figures";
  figures.append(renderMapFigure(view, layer));
  const conv = layer.conv_layer ?? null;
  if (conv === null) {
    section.append(figures, renderMessage(translate("explorer.kernel.none")));
    return section;
  }
  figures.append(...renderFilterFigures(view, conv));
  section.append(figures, renderKernelNote(layers, conv));
  return section;
}

/**
 * The enlarged map, or a wait message while it comes.
 * @param {ChannelView} view
 * @param {LayerSummary} layer
 * @returns {HTMLElement}
 */
function renderMapFigure({ channel, mapUrl }, layer) {
  if (!mapUrl) {
    return renderMessage(translate("explorer.channel.busy"));
  }
  return renderPngFigure(
    mapUrl,
    translate("explorer.channel.alt", { channel, layer: layer.name }),
    translate("explorer.channel.heading", { channel, layer: layer.name }),
    "pixelated",
  ).figure;
}

/**
 * The kernel and the favourite pattern of the filter behind the map, as they arrive.
 * @param {ChannelView} view
 * @param {string} conv  The convolution layer.
 * @returns {HTMLElement[]}
 */
function renderFilterFigures(view, conv) {
  const names = { channel: view.channel, layer: conv };
  /** @type {HTMLElement[]} */
  const figures = [];
  if (view.kernelUrl) {
    figures.push(
      renderPngFigure(
        view.kernelUrl,
        translate("explorer.kernel.alt", names),
        translate("explorer.kernel.caption", names),
        "pixelated",
      ).figure,
    );
  }
  if (view.patternUrl) {
    figures.push(
      renderPngFigure(
        view.patternUrl,
        translate("explorer.pattern.alt", names),
        translate("explorer.pattern.caption"),
        "pixelated",
      ).figure,
    );
  } else if (view.patternBusy) {
    const busy = renderMessage(translate("explorer.pattern.busy"));
    busy.classList.add("is-busy");
    figures.push(busy);
  }
  return figures;
}

/**
 * Say that a kernel over several input channels is shown as their mean.
 * @param {LayerSummary[]} layers
 * @param {string} conv  The convolution layer.
 * @returns {HTMLParagraphElement}
 */
function renderKernelNote(layers, conv) {
  const index = layers.findIndex((layer) => layer.name === conv);
  // The convolution's input channels are the channels of the layer before it.
  const count = index > 0 ? layers[index - 1].output_shape.at(-1) ?? null : null;
  const note = document.createElement("p");
  note.className = "hint kernel-note";
  note.textContent =
    count === 1
      ? translate("explorer.kernel.single", { layer: conv })
      : translate("explorer.kernel.averaged", { layer: conv, count: count ?? "?" });
  return note;
}
