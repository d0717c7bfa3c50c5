/**
 * What a screen reader would announce for an element: its accessible roles and names in reading
 * order, walking the composed tree (shadow roots and slots included). Roles and names come from
 * dom-accessibility-api, which implements the W3C accname and role rules; only the walk is here.
 * It is an approximation: a real screen reader reads the browser's accessibility tree, and each
 * one phrases it in its own way.
 */
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

export interface Announcement {
  /** An ARIA role (`heading`, `button`…), or `text` for text with no role of its own. */
  role: string;
  name: string;
  level?: number;
  pressed?: boolean;
  disabled?: boolean;
  /** The language the words are in, from the nearest `lang` in the composed tree. */
  lang?: string;
}

/** Roles whose name is their content: announced once, without reading their content again. */
const NAME_FROM_CONTENT = new Set([
  'button',
  'link',
  'heading',
  'checkbox',
  'radio',
  'switch',
  'tab',
  'option',
  'menuitem',
  'img',
  'cell',
  'columnheader',
  'rowheader',
]);

/** Roles worth announcing as a container, when they have a name or mark a live area. */
const CONTAINERS = new Set([
  'region',
  'group',
  'figure',
  'dialog',
  'alert',
  'status',
  'list',
  'navigation',
  'form',
  'table',
]);

function composedParent(node: Node): Node | null {
  if (node instanceof ShadowRoot) return node.host;
  if (node instanceof Element && node.assignedSlot) return node.assignedSlot;
  return node.parentNode;
}

function langOf(node: Node): string | undefined {
  for (let n: Node | null = node; n; n = composedParent(n)) {
    if (n instanceof Element && n.getAttribute('lang')) return n.getAttribute('lang') ?? undefined;
  }
  return undefined;
}

/** The children as laid out: a shadow root's in place of the light DOM, slots filled. */
function composedChildren(node: Node): Node[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.childNodes];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    return assigned.length ? assigned : [...node.childNodes];
  }
  return [...node.childNodes];
}

/**
 * Whether the browser renders the element at all: not the content of a closed <details>, nor
 * anything under display: none. (Visually hidden text is rendered, and read, so it stays.)
 */
function rendered(element: Element): boolean {
  return typeof element.checkVisibility === 'function'
    ? element.checkVisibility({ contentVisibilityAuto: false, visibilityProperty: true })
    : true;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export function announce(root: Element): Announcement[] {
  const out: Announcement[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = squash(node.textContent ?? '');
      if (text) out.push({ role: 'text', name: text, lang: langOf(node) });
      return;
    }
    if (!(node instanceof Element)) return;
    if (node instanceof HTMLScriptElement || node instanceof HTMLStyleElement) return;
    if (node.localName === 'template' || isInaccessible(node) || !rendered(node)) return;
    const role = getRole(node);
    if (role && NAME_FROM_CONTENT.has(role)) {
      const pressed = node.getAttribute('aria-pressed');
      const level = role === 'heading' ? headingLevel(node) : undefined;
      out.push({
        role,
        name: squash(computeAccessibleName(node)),
        ...(level ? { level } : {}),
        ...(pressed === 'true' || pressed === 'false' ? { pressed: pressed === 'true' } : {}),
        ...((node as HTMLButtonElement).disabled ? { disabled: true } : {}),
        lang: langOf(node),
      });
      return;
    }
    if (role && CONTAINERS.has(role)) {
      const name = squash(computeAccessibleName(node));
      if (name || role === 'status' || role === 'alert') {
        out.push({ role, name, lang: langOf(node) });
      }
    }
    for (const child of composedChildren(node)) visit(child);
  };
  for (const child of composedChildren(root)) visit(child);
  return out;
}

function headingLevel(element: Element): number | undefined {
  const aria = Number(element.getAttribute('aria-level'));
  if (aria > 0) return aria;
  const match = /^h([1-6])$/.exec(element.localName);
  return match ? Number(match[1]) : undefined;
}
