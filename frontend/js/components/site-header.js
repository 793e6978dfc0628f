// @ts-check
/**
 * `<lab-site-header current="explorer.html">`: the skip link and the header every
 * page shares (brand, links to the other pages, language toggle), written once here
 * instead of copied into each page. Its strings carry `data-i18n` keys, so a
 * language change retranslates them like the rest of the page. The element itself
 * draws no box (`display: contents` in the stylesheet): the layout is the page's.
 * Since every page has it, it is also where a team's sign-in link is taken in
 * (`key-sign-in.js`: a page opened at `#key=…`).
 */

import { translate } from "../i18n.js";
import { announceSignIn, takeKeyFromAddress } from "./key-sign-in.js";

/** The site's pages, in the order of the menu; a page does not link to itself. */
const PAGES = [
  { href: "index.html", key: "nav.classify" },
  { href: "explorer.html", key: "nav.explorer" },
  { href: "sentiment.html", key: "nav.sentiment" },
  { href: "jobs.html", key: "nav.jobs" },
  { href: "models.html", key: "nav.models" },
  { href: "challenges.html", key: "nav.challenges" },
  // Always listed: the header does not know the key's role; the page's actions
  // need the admin key, which the API checks.
  { href: "teams.html", key: "nav.teams" },
];

/**
 * An element with a class and a translated text.
 * @param {string} tag
 * @param {string} className
 * @param {string} key  Its `data-i18n` key.
 * @returns {HTMLElement}
 */
function translated(tag, className, key) {
  const element = document.createElement(tag);
  element.className = className;
  element.dataset.i18n = key;
  element.textContent = translate(key);
  return element;
}

/** @returns {HTMLParagraphElement} */
function renderBrand() {
  const brand = document.createElement("p");
  brand.className = "brand";
  const mark = document.createElement("span");
  mark.className = "brand-mark";
  mark.setAttribute("aria-hidden", "true");
  mark.textContent = "◩";
  const name = document.createElement("span");
  name.className = "brand-name";
  name.textContent = "ArchiLab";
  brand.append(mark, name, translated("span", "brand-tagline", "header.tagline"));
  return brand;
}

/**
 * The button that switches between French and English (pages bind it with
 * `bindLanguageToggle`).
 * @returns {HTMLButtonElement}
 */
function renderLanguageToggle() {
  const button = /** @type {HTMLButtonElement} */ (
    translated("button", "language-toggle", "language.switch")
  );
  button.id = "language-toggle";
  button.type = "button";
  button.lang = translate("language.switch.lang");
  button.title = translate("language.switch.title");
  button.dataset.i18nLang = "language.switch.lang";
  button.dataset.i18nTitle = "language.switch.title";
  return button;
}

/**
 * @param {string} current  The page showing the header, e.g. "jobs.html".
 * @returns {HTMLElement}
 */
function renderNav(current) {
  const nav = document.createElement("nav");
  nav.className = "site-nav";
  nav.setAttribute("aria-label", "Navigation");
  for (const page of PAGES.filter((candidate) => candidate.href !== current)) {
    const link = /** @type {HTMLAnchorElement} */ (translated("a", "nav-link", page.key));
    link.href = page.href;
    nav.append(link);
  }
  nav.append(renderLanguageToggle());
  return nav;
}

/** Draws the shared header into itself once, when first connected. */
export class SiteHeader extends HTMLElement {
  connectedCallback() {
    if (this.childElementCount > 0) {
      return; // Already drawn: the element was only moved.
    }
    const skip = /** @type {HTMLAnchorElement} */ (translated("a", "skip-link", "nav.skip"));
    skip.href = "#main";
    const header = document.createElement("header");
    header.className = "site-header";
    const inner = document.createElement("div");
    inner.className = "site-header-inner";
    inner.append(renderBrand(), renderNav(this.getAttribute("current") ?? ""));
    header.append(inner);
    this.append(skip, header);
    const key = takeKeyFromAddress();
    if (key) {
      const notice = document.createElement("p");
      notice.className = "sign-in-notice";
      notice.setAttribute("role", "status");
      this.append(notice);
      announceSignIn(notice, key);
    }
  }
}

/**
 * Define `<lab-site-header>`; a page calls it before looking up `#language-toggle`,
 * since defining the element draws the header already in the page.
 */
export function defineSiteHeader() {
  if (!customElements.get("lab-site-header")) {
    customElements.define("lab-site-header", SiteHeader);
  }
}
