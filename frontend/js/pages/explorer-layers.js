// @ts-check
/**
 * The explorer's network panel: the strip of layers, the selected layer's
 * explanation, its feature maps for the input image, and one open map.
 */

import { getFeatureMapsPng, getFeatureMapStats, listModelLayers } from "../api-vision.js";
import {
  isInput,
  isSpatial,
  renderLayerIntro,
  renderLayerStrip,
  renderMessage,
} from "../components/layer-views.js";
import { translate } from "../i18n.js";
import { LatestCall } from "../latest.js";
import { fillChannelView, renderChannelSection, revokeChannelView } from "./explorer-channel.js";
import { renderMapsSection } from "./explorer-maps.js";

/** @typedef {import("../api-vision.js").LayerSummary} LayerSummary */
/** @typedef {import("../api-vision.js").ModelSummary} ModelSummary */
/** @typedef {import("./explorer-channel.js").ChannelView} ChannelView */
/** @typedef {import("./explorer-maps.js").MapGrid} MapGrid */

/**
 * What the panel needs from the page.
 * @typedef {object} LayerHost
 * @property {() => {model: ModelSummary | null, image: Blob | null}} input
 * @property {(layer: LayerSummary) => void} onSelect  A layer was picked in the strip.
 * @property {(error: unknown) => void} onProblem
 * @property {() => void} clearProblem  The maps arrived: an old problem is over.
 */

/** The strip of layers and the selected layer's maps, fetched for the page's image. */
export class LayerPanel {
  /**
   * @param {{strip: HTMLOListElement, details: HTMLElement}} elements
   * @param {LayerHost} host
   */
  constructor(elements, host) {
    this.elements = elements;
    this.host = host;
    /** @type {LayerSummary[] | null} null while loading */
    this.layers = [];
    /** @type {LayerSummary | null} */
    this.layer = null;
    /** @type {MapGrid | null} */
    this.grid = null;
    /** @type {import("../api-vision.js").FeatureMapStats | null} */
    this.stats = null;
    this.mapsBusy = false;
    /** @type {ChannelView | null} */
    this.channel = null;
    this.layersCall = new LatestCall();
    this.mapsCall = new LatestCall();
    this.channelCall = new LatestCall();
  }

  /**
   * Forget the layers of the previous model, nothing selected.
   * @param {ModelSummary | null} model
   */
  reset(model) {
    this.layers = model ? null : [];
    this.layer = null;
    this.layersCall.drop();
    this.forgetMaps();
  }

  /** The image is gone: so are its maps. */
  clearImage() {
    this.forgetMaps();
    this.mapsBusy = false;
  }

  /**
   * Fetch the layers of `model`.
   * @param {ModelSummary} model
   * @returns {Promise<boolean>} False when a newer model made the answer stale.
   */
  async loadLayers(model) {
    const outcome = await this.layersCall.run((signal) =>
      listModelLayers(model.metadata, { signal }),
    );
    if (!outcome) {
      return false;
    }
    if (outcome.ok) {
      this.layers = outcome.value;
    } else {
      this.layers = [];
      this.host.onProblem(outcome.error);
    }
    return true;
  }

  /**
   * Make `layer` the selected one, without its maps yet.
   * @param {LayerSummary} layer
   */
  select(layer) {
    this.layer = layer;
    this.forgetMaps();
    this.mapsBusy = false;
  }

  /** Recompute the open layer's maps (and open map) for a new image. */
  refresh() {
    if (this.layer && isSpatial(this.layer)) {
      this.loadMaps(this.channel?.channel);
    }
  }

  /** Drop the maps and the open map, and any answer on its way for them. */
  forgetMaps() {
    this.mapsCall.drop();
    this.channelCall.drop();
    if (this.grid) {
      URL.revokeObjectURL(this.grid.url);
    }
    this.grid = null;
    revokeChannelView(this.channel);
    this.channel = null;
    this.stats = null;
  }

  /**
   * Fetch the feature-map grid and statistics of the selected layer for the image,
   * then the channel that was open (if any).
   * @param {number} [reopenChannel]
   */
  async loadMaps(reopenChannel) {
    const { model, image } = this.host.input();
    const { layer } = this;
    if (!model || !layer || !image) {
      return;
    }
    this.mapsBusy = true;
    this.renderDetails();
    const outcome = await this.mapsCall.run((signal) =>
      Promise.all([
        getFeatureMapsPng(model.metadata, layer.name, image, { signal }),
        getFeatureMapStats(model.metadata, layer.name, image, { signal }),
      ]),
    );
    if (!outcome) {
      return;
    }
    if (this.grid) {
      URL.revokeObjectURL(this.grid.url);
    }
    if (outcome.ok) {
      const [grid, stats] = outcome.value;
      this.grid = { url: URL.createObjectURL(grid.png), columns: grid.columns, tileSize: grid.tileSize };
      this.stats = stats;
      this.host.clearProblem();
    } else {
      this.grid = null;
      this.stats = null;
      this.host.onProblem(outcome.error);
    }
    this.mapsBusy = false;
    this.renderDetails();
    if (reopenChannel !== undefined && this.grid) {
      this.openChannel(reopenChannel);
    }
  }

  /**
   * Open map `channel` of the selected layer: the enlarged map, its kernel and the
   * pattern its filter likes most (that last one may take a few seconds).
   * @param {number} channel
   */
  async openChannel(channel) {
    const { model, image } = this.host.input();
    const { layer } = this;
    if (!model || !layer || !image) {
      return;
    }
    const turn = this.channelCall.begin();
    revokeChannelView(this.channel);
    /** @type {ChannelView} */
    const view = { channel, mapUrl: null, kernelUrl: null, patternUrl: null, patternBusy: false };
    this.channel = view;
    this.renderDetails({ focusChannel: true });
    await fillChannelView({ model: model.metadata, layer, image }, view, turn, {
      onChange: () => this.renderDetails(),
      onProblem: (error) => this.host.onProblem(error),
    });
  }

  /** Render the strip and the selected layer. */
  render() {
    this.renderStrip();
    this.renderDetails();
  }

  renderStrip() {
    const { strip } = this.elements;
    if (this.layers === null) {
      const item = document.createElement("li");
      item.append(renderMessage(translate("explorer.network.loading")));
      strip.replaceChildren(item);
      return;
    }
    strip.replaceChildren(
      ...renderLayerStrip(this.layers, this.layer?.name ?? null, (layer) => this.host.onSelect(layer)),
    );
  }

  /**
   * The selected layer: explanation, then its maps, then the open map.
   * @param {{focusChannel?: boolean}} [options]
   */
  renderDetails({ focusChannel = false } = {}) {
    const { details, strip } = this.elements;
    const focused = /** @type {HTMLElement | null} */ (document.activeElement);
    const { layer } = this;
    details.setAttribute("aria-busy", String(this.mapsBusy));
    // The strip's pressed state follows the selection.
    for (const button of strip.querySelectorAll("button")) {
      const name = button.querySelector(".layer-name")?.textContent;
      button.setAttribute("aria-pressed", String(name === layer?.name));
    }
    if (!layer) {
      details.replaceChildren(renderMessage(translate("explorer.layer.none")));
      return;
    }
    details.replaceChildren(...this.detailParts(layer));
    // A tile kept across the render lost the focus while it was moved: give it back.
    if (focused?.classList.contains("map-tile") && focused.isConnected) {
      focused.focus();
    }
    if (focusChannel) {
      details.querySelector(".channel-view h4")?.scrollIntoView({ block: "nearest" });
    }
  }

  /**
   * @param {LayerSummary} layer  The selected layer.
   * @returns {HTMLElement[]}
   */
  detailParts(layer) {
    const layers = this.layers ?? [];
    const parts = renderLayerIntro(layer, layer === layers.at(-1));
    if (isInput(layer)) {
      parts.push(renderMessage(translate("explorer.layer.input")));
    } else if (!isSpatial(layer)) {
      const size = layer.output_shape.reduce((total, value) => (total ?? 0) * (value ?? 1), 1);
      parts.push(renderMessage(translate("explorer.layer.flat", { count: size ?? "?" })));
    } else if (!this.host.input().image) {
      parts.push(renderMessage(translate("explorer.layer.needImage")));
    } else if (this.mapsBusy && !this.grid) {
      parts.push(renderMessage(translate("explorer.maps.busy")));
    } else if (this.grid) {
      const selected = this.channel?.channel ?? null;
      const view = { layer, grid: this.grid, stats: this.stats, selected };
      parts.push(renderMapsSection(view, (channel) => this.openChannel(channel)));
      if (this.channel) {
        parts.push(renderChannelSection(this.channel, layer, layers, this.stats));
      }
    }
    return parts;
  }
}
