// @ts-check
/**
 * A modal question with Confirm and Cancel, on a `<dialog>` of the page's markup:
 * the dialog names itself by its heading and describes itself by its text, so a
 * screen reader reads the whole question; Escape and Cancel both answer no.
 */

/**
 * @typedef {object} ConfirmDialogElements
 * @property {HTMLDialogElement} dialog  Holds a `<form method="dialog">` whose
 *   confirming button has `value="confirm"`.
 * @property {HTMLElement} title  The heading the dialog is labelled by.
 * @property {HTMLElement} text  The paragraph the dialog is described by.
 */

/**
 * Ask `question`; resolves true only when the user confirms.
 * @param {ConfirmDialogElements} elements
 * @param {{title: string, text: string}} question
 * @returns {Promise<boolean>}
 */
export function askConfirmation({ dialog, title, text }, question) {
  title.textContent = question.title;
  text.textContent = question.text;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), {
      once: true,
    });
    dialog.showModal();
  });
}
