// @ts-check
// The console builds its page with these two helpers only. Strings become
// text (textContent, text nodes), never HTML: what users and counsellors type
// cannot turn into markup.

/** A child of {@link el}: a node, a string (a text node), or nothing. */
/** @typedef {Node | string | null | undefined | false} Child */

/**
 * What {@link el} sets: `on…` handlers, `text` as the text content, and any
 * other attribute (`true`: present and empty; `false`, `null`, `undefined`: left out).
 * @typedef {{
 *   text?: string,
 *   onclick?: (event: MouseEvent) => void,
 *   onsubmit?: (event: SubmitEvent) => void,
 *   onchange?: (event: Event) => void,
 *   onkeydown?: (event: KeyboardEvent) => void,
 *   [name: string]: string | number | boolean | null | undefined | ((event: never) => void),
 * }} Attributes
 */

const HANDLERS = ['onclick', 'onsubmit', 'onchange', 'onkeydown'];

/**
 * An element with attributes and children; strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (HANDLERS.includes(name) && typeof value === 'function') {
      node.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    } else if (name === 'text') {
      node.textContent = String(value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Wraps `draw` so it runs only when one of the values `inputs` picks from the
 * state has changed (by identity) since the last run: each view says what it
 * shows, and the one render call skips what did not change.
 * @template S
 * @param {(state: S) => readonly unknown[]} inputs
 * @param {(state: S) => void} draw
 * @returns {(state: S) => void}
 */
export function whenChanged(inputs, draw) {
  /** @type {readonly unknown[] | null} */
  let last = null;
  return (state) => {
    const now = inputs(state);
    const previous = last;
    if (previous && now.length === previous.length && now.every((v, i) => v === previous[i])) {
      return;
    }
    last = now;
    draw(state);
  };
}
