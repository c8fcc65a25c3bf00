import { SaxesParser } from 'saxes';

/** An XML element as camt.053 reading needs it: local name, attributes, text, children, and its line. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
}

/** The document's root element, or the first well-formedness error with its line (saxes, a streaming XML parser). */
export function readXml(text: string): { root: XmlNode } | { line: number; reason: string } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let failure: { line: number; reason: string } | null = null;
  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; the line is given apart.
    failure ??= { line: parser.line, reason: err.message.replace(/^\d+:\d+:\s*/, '') };
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.local] = a.value;
    const node: XmlNode = { name: tag.local, attrs, text: '', children: [], line: parser.line };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= { line: parser.line, reason: err instanceof Error ? err.message : String(err) };
  }
  if (failure) return failure;
  if (!root) return { line: 1, reason: 'holds no element' };
  return { root };
}

/** The first child on a path of local names ("Bal/Amt"), or undefined. */
export function child(node: XmlNode | undefined, path: string): XmlNode | undefined {
  let n = node;
  for (const name of path.split('/')) n = n?.children.find((c) => c.name === name);
  return n;
}

/** Every child of that name. */
export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);

/** A child's trimmed text, or '' when absent. */
export const textOf = (node: XmlNode | undefined, path: string) => child(node, path)?.text.trim() ?? '';
