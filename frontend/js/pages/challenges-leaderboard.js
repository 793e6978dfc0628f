// @ts-check
/**
 * The challenges page's leaderboard: the table (baseline pinned, unranked; private
 * score, final rank and change of rank once revealed), followed live over the
 * leaderboard's event stream, and the projector mode (large type, nothing but the
 * title and the table).
 */

import { followLeaderboard } from "../api-challenges.js";
import {
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatMilliseconds,
  formatPercent,
  translate,
} from "../i18n.js";
import { createDataTable, emptyMessage } from "../components/data-table.js";

/** @typedef {import("../api-challenges.js").Leaderboard} Leaderboard */
/** @typedef {import("../api-challenges.js").LeaderboardRow} LeaderboardRow */

const PUBLIC_COLUMNS = [
  "rank",
  "team",
  "public",
  "delta",
  "errorsRemoved",
  "submissions",
  "architecture",
  "parameters",
  "latency",
  "last",
];
const REVEALED_COLUMNS = ["private", "finalRank", "rankChange"];

/**
 * Δ in points, signed: "+4,2 pts" / "+4.2 pts".
 * @param {number} points
 * @returns {string}
 */
/** A submission's job, shortened; a model trained elsewhere has none. */
export function jobLabel(submission) {
  return submission.job_id
    ? submission.job_id.slice(0, 8)
    : translate("challenges.submission.external");
}

export function formatPoints(points) {
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return translate("challenges.points", { value: `${sign}${formatDecimal(Math.abs(points), 1)}` });
}

/**
 * @param {number | null | undefined} value
 * @param {(value: number) => string} format
 * @returns {string}
 */
function orDash(value, format) {
  return value === null || value === undefined ? "—" : format(value);
}

/**
 * @param {number | null | undefined} change  Public rank − final rank.
 * @returns {string}
 */
function formatRankChange(change) {
  if (change === null || change === undefined) {
    return "—";
  }
  if (change === 0) {
    return "=";
  }
  return change > 0 ? `▲ ${change}` : `▼ ${-change}`;
}

/**
 * The cells of one row, in the table's column order.
 * @param {LeaderboardRow} row
 * @param {boolean} revealed
 * @returns {string[]}
 */
function cellsOf(row, revealed) {
  const cells = [
    row.is_baseline
      ? translate("challenges.board.pinned")
      : row.external
        ? translate("challenges.submission.external")
        : orDash(row.rank, String),
    row.is_baseline ? translate("challenges.board.baseline") : (row.team ?? ""),
    orDash(row.public_score, formatPercent),
    row.is_baseline ? "—" : orDash(row.delta_points, formatPoints),
    row.is_baseline ? "—" : orDash(row.errors_removed, formatPercent),
    row.is_baseline ? "—" : `${row.submissions_used} / ${row.quota}`,
    row.architecture ?? "—",
    orDash(row.parameters, formatInteger),
    orDash(row.latency_ms_per_image, formatMilliseconds),
    formatDateTime(row.last_submission_at) || "—",
  ];
  if (revealed) {
    cells.push(
      orDash(row.private_score, formatPercent),
      row.is_baseline ? "—" : orDash(row.final_rank, String),
      row.is_baseline ? "—" : formatRankChange(row.rank_change),
    );
  }
  return cells;
}

/**
 * Draw `board` into `container`: the baseline first (pinned), then the teams.
 * @param {HTMLElement} container
 * @param {Leaderboard | null} board
 */
export function renderLeaderboard(container, board) {
  if (!board) {
    container.replaceChildren(emptyMessage(translate("challenges.board.loading")));
    return;
  }
  const columns = board.revealed ? [...PUBLIC_COLUMNS, ...REVEALED_COLUMNS] : PUBLIC_COLUMNS;
  const table = createDataTable(
    translate("challenges.board.caption"),
    columns,
    "challenges.board.column",
  );
  table.classList.add("leaderboard-table");
  const body = table.createTBody();
  // Models trained elsewhere come last, unranked: a notebook may have seen
  // the hidden images.
  const external = board.external_rows ?? [];
  const rows = [...(board.baseline ? [board.baseline] : []), ...board.rows, ...external];
  for (const row of rows) {
    const tableRow = body.insertRow();
    tableRow.className = row.is_baseline
      ? "leaderboard-baseline"
      : row.external
        ? "leaderboard-external"
        : "leaderboard-team";
    if (row.team) {
      tableRow.dataset.team = row.team;
    }
    cellsOf(row, board.revealed).forEach((text, index) => {
      const cell = index === 1 ? document.createElement("th") : tableRow.insertCell();
      if (index === 1) {
        /** @type {HTMLTableCellElement} */ (cell).scope = "row";
        tableRow.append(cell);
      }
      cell.textContent = text;
    });
    if (row.significant === false && !row.is_baseline && row.public_score !== null) {
      const note = document.createElement("span");
      note.className = "not-significant";
      note.textContent = ` (${translate("challenges.notSignificant")})`;
      tableRow.cells[3].append(note);
    }
  }
  const nodes = [table];
  if (board.rows.length === 0) {
    nodes.push(emptyMessage(translate("challenges.board.empty")));
  }
  container.replaceChildren(...nodes);
}

/**
 * Follows one challenge's leaderboard; a new `follow()` stops the previous one.
 */
export class LiveLeaderboard {
  /**
   * @param {{board: HTMLElement, state: HTMLElement}} elements
   * @param {{onBoard: (board: Leaderboard) => void, onProblem: (error: unknown) => void}} hooks
   */
  constructor(elements, hooks) {
    this.elements = elements;
    this.hooks = hooks;
    /** @type {AbortController | null} */
    this.controller = null;
    /** @type {Leaderboard | null} */
    this.board = null;
    /** @type {"connecting" | "open" | "reconnecting" | "stopped"} */
    this.connection = "stopped";
  }

  /**
   * @param {string} challengeId
   * @param {string} key
   */
  follow(challengeId, key) {
    this.stop();
    const controller = new AbortController();
    this.controller = controller;
    this.board = null;
    this.connection = "connecting";
    this.render();
    followLeaderboard(
      challengeId,
      key,
      {
        onLeaderboard: (board) => {
          this.board = board;
          this.render();
          this.hooks.onBoard(board);
        },
        onState: (state) => {
          this.connection = state;
          this.render();
        },
        onProblem: (error) => {
          this.connection = "stopped";
          this.render();
          this.hooks.onProblem(error);
        },
      },
      controller.signal,
    );
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
    this.connection = "stopped";
  }

  render() {
    renderLeaderboard(this.elements.board, this.board);
    this.elements.state.textContent =
      this.connection === "stopped" ? "" : translate(`challenges.live.${this.connection}`);
    this.elements.state.dataset.connection = this.connection;
  }
}

/**
 * Show or leave the projector mode: only the title and the leaderboard, in large
 * type; the address keeps `projector=1` so a reload stays in it.
 * @param {boolean} on
 */
export function setProjectorMode(on) {
  document.body.classList.toggle("projector", on);
  const url = new URL(window.location.href);
  if (on) {
    url.searchParams.set("projector", "1");
  } else {
    url.searchParams.delete("projector");
  }
  window.history.replaceState(null, "", url);
}
