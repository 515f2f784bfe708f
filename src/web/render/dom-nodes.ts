/**
 * Small helpers for building and rewiring domhandler nodes. domhandler's constructors leave parent and sibling
 * links unset, and the DOM pass relies on them, so every node we create or move goes through here.
 */
import { type ChildNode, Element, type ParentNode, Text } from "domhandler";

/** A new element whose children are linked to it. */
export function createElement(name: string, attribs: Record<string, string>, children: ChildNode[] = []): Element {
  const element = new Element(name, attribs);
  setChildren(element, children);
  return element;
}

/** A new text node; its data is plain text, escaped when serialized. */
export function createText(data: string): Text {
  return new Text(data);
}

/** Replaces a parent's children, fixing each child's parent, prev and next links. */
export function setChildren(parent: ParentNode, children: ChildNode[]): void {
  parent.children = children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    child.parent = parent;
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  }
}

/** The text a reader sees inside a node, without markup. */
export function textContentOf(node: ChildNode | ParentNode): string {
  if (node instanceof Text) return node.data;
  if (!("children" in node)) return "";
  let text = "";
  for (const child of node.children) text += textContentOf(child);
  return text;
}

/** Whether a node is an element with the given tag name. */
export function isElementNamed(node: ChildNode | null | undefined, name: string): node is Element {
  return node instanceof Element && node.name === name;
}
