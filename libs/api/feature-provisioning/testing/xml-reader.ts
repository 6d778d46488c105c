/** An element read back by {@link readXml}. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" in a value at ${where}`);
  return raw.replace(/&([^;]*);|&/g, (match: string, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`bare "&" at ${where}`);
    if (entity in ENTITIES) return ENTITIES[entity];
    const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#([0-9]+)$/.exec(entity)?.[1];
    if (code === undefined) throw new Error(`unknown entity ${match} at ${where}`);
    return String.fromCodePoint(parseInt(code, entity.startsWith('#x') ? 16 : 10));
  });
}

/**
 * A strict reader for the small documents the API serves to FreeSWITCH: elements, attributes, text, comments and
 * the XML declaration. It throws on anything not well-formed (raw `<`/`&` in values, mismatched or unclosed tags,
 * duplicate attributes), so a test that reads a value back also proves the escaping.
 */
export function readXml(source: string): XmlElement {
  let at = 0;
  const skip = (pattern: RegExp): void => {
    const match = pattern.exec(source.slice(at));
    if (match?.index === 0) at += match[0].length;
  };
  const expect = (literal: string): void => {
    if (!source.startsWith(literal, at)) throw new Error(`expected ${JSON.stringify(literal)} at ${at}: ${JSON.stringify(source.slice(at, at + 30))}`);
    at += literal.length;
  };
  const name = (): string => {
    const match = NAME.exec(source.slice(at));
    if (!match) throw new Error(`expected a name at ${at}`);
    at += match[0].length;
    return match[0];
  };
  const misc = (): void => {
    for (;;) {
      skip(/^\s+/);
      const close = source.startsWith('<?', at) ? '?>' : source.startsWith('<!--', at) ? '-->' : undefined;
      if (!close) return;
      const end = source.indexOf(close, at);
      if (end < 0) throw new Error(`unterminated declaration or comment at ${at}`);
      at = end + close.length;
    }
  };
  const element = (): XmlElement => {
    expect('<');
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      skip(/^\s+/);
      if (source.startsWith('/>', at)) {
        at += 2;
        return el;
      }
      if (source.startsWith('>', at)) break;
      const attribute = name();
      skip(/^\s*=\s*/);
      const quote = source[at];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted value of ${attribute} at ${at}`);
      const end = source.indexOf(quote, at + 1);
      if (end < 0) throw new Error(`unterminated value of ${attribute}`);
      if (attribute in el.attributes) throw new Error(`duplicate attribute ${attribute} at ${at}`);
      el.attributes[attribute] = decode(source.slice(at + 1, end), at);
      at = end + 1;
    }
    at += 1;
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) throw new Error(`unclosed <${el.name}>`);
      el.text += decode(source.slice(at, next), at);
      at = next;
      if (source.startsWith('<!--', at)) misc();
      else if (source.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== el.name) throw new Error(`</${closing}> closes <${el.name}> at ${at}`);
        skip(/^\s*/);
        expect('>');
        return el;
      } else el.children.push(element());
    }
  };
  misc();
  const root = element();
  misc();
  if (at !== source.length) throw new Error(`content after the root element at ${at}`);
  return root;
}

/** Every descendant of `root` (and `root` itself) named `name`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => findAll(child, name))];
}

/** `{ name: value }` of the `<param>` or `<variable>` children of `parent`. */
export function namedValues(parent: XmlElement | undefined, tag: 'param' | 'variable'): Record<string, string> {
  return Object.fromEntries((parent?.children ?? []).filter((c) => c.name === tag).map((c) => [c.attributes['name'] ?? '', c.attributes['value'] ?? '']));
}
