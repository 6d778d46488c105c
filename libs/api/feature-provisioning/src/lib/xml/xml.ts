/** Attribute values; `null`/`undefined` leave the attribute out. */
export type XmlAttributes = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** An element to render. Names are ours (constants); every attribute value is escaped. */
export interface XmlNode {
  readonly name: string;
  readonly attributes?: XmlAttributes;
  readonly children?: readonly XmlNode[];
}

/** Builds an {@link XmlNode}. */
export function xml(name: string, attributes?: XmlAttributes, children?: readonly XmlNode[]): XmlNode {
  return { name, attributes, children };
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // FreeSWITCH runs fetched XML through its pre-processor, which expands $${global} variables (passwords among
  // them) anywhere in the text; a character reference hides the dollar from it and the parser restores it.
  $: '&#36;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Escapes a value for a double-quoted XML attribute. Line breaks become character references (FreeSWITCH's
 * pre-processor works line by line), and characters XML 1.0 cannot carry at all are dropped.
 */
export function escapeXmlAttribute(value: string): string {
  return Array.from(value)
    .filter(isXmlCharacter)
    .map((c) => ATTRIBUTE_ESCAPES[c] ?? c)
    .join('');
}

/** XML 1.0's Char production: tab, line breaks, and everything from space up except lone surrogates and U+FFFE/U+FFFF. */
function isXmlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function renderNode(node: XmlNode, depth: number, out: string[]): void {
  if (!VALID_NAME.test(node.name)) throw new Error(`invalid XML element name ${JSON.stringify(node.name)}`);
  const attributes = Object.entries(node.attributes ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => {
      if (!VALID_NAME.test(key)) throw new Error(`invalid XML attribute name ${JSON.stringify(key)}`);
      return ` ${key}="${escapeXmlAttribute(String(value))}"`;
    })
    .join('');
  const indent = '  '.repeat(depth);
  const children = node.children ?? [];
  if (children.length === 0) {
    out.push(`${indent}<${node.name}${attributes}/>`);
    return;
  }
  out.push(`${indent}<${node.name}${attributes}>`);
  for (const child of children) renderNode(child, depth + 1, out);
  out.push(`${indent}</${node.name}>`);
}

/** Renders a whole document with the XML declaration, two-space indented. */
export function renderXmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>'];
  renderNode(root, 0, out);
  return `${out.join('\n')}\n`;
}

/** FreeSWITCH's answer for "nothing here": it then tries its next binding or its local files. */
export const NOT_FOUND_DOCUMENT = renderXmlDocument(
  xml('document', { type: 'freeswitch/xml' }, [
    xml('section', { name: 'result' }, [xml('result', { status: 'not found' })]),
  ]),
);

/** `<param name=".." value=".."/>` children, skipping values that are not set. */
export function params(
  values: Readonly<Record<string, string | number | boolean | null | undefined>>,
  tag: 'param' | 'variable' = 'param',
): XmlNode[] {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => xml(tag, { name, value }));
}
