import { readXml } from './xml-reader';

describe('readXml (the strict reader the XML tests rely on)', () => {
  it('reads elements, attributes, entities and character references', () => {
    const doc = readXml('<?xml version="1.0"?>\n<!-- c --><a x="&lt;&#36;&#x41;&apos;" y=\'1\'><b/>t&amp;</a>\n');
    expect(doc).toEqual({ name: 'a', attributes: { x: "<$A'", y: '1' }, children: [{ name: 'b', attributes: {}, children: [], text: '' }], text: 't&' });
  });

  it.each([
    ['a raw < in a value', '<a x="<"/>'],
    ['a bare &', '<a x="a & b"/>'],
    ['an unknown entity', '<a x="&nbsp;"/>'],
    ['a mismatched closing tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['a second root', '<a/><b/>'],
    ['an unquoted value', '<a x=1/>'],
  ])('throws on %s', (_what, source) => {
    expect(() => readXml(source)).toThrow();
  });
});
