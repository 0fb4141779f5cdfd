// Open Badges 3.0 baked SVG (section 5.3) with an independent XML parser, @xmldom/xmldom.
//   node ob-bake-svg.mjs read <- {svg} -> {count, rootName, rootNamespace, declared, firstChildIsCredential, verify, text}
//   node ob-bake-svg.mjs bake <- {svg, credential, jwt} -> {svg}   the element first in the root; JWT in verify, JSON in CDATA
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { readStdinJson, writeJson } from './jose-io.mjs';

const OB = 'https://purl.imsglobal.org/ob/v3p0';
const mode = process.argv[2];
const input = await readStdinJson();
const errors = [];
const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } })
  .parseFromString(input.svg, 'image/svg+xml');
if (errors.length > 0) throw new Error(`xmldom: ${errors.join('; ')}`);
const root = doc.documentElement;

if (mode === 'read') {
  const found = root.getElementsByTagNameNS(OB, 'credential');
  let first = root.firstChild;
  while (first && first.nodeType !== 1) first = first.nextSibling;
  const element = found.length > 0 ? found.item(0) : null;
  writeJson({
    count: found.length,
    rootName: root.localName,
    rootNamespace: root.namespaceURI,
    declared: root.getAttribute('xmlns:openbadges'),
    firstChildIsCredential: element !== null && first === element,
    verify: element && element.hasAttribute('verify') ? element.getAttribute('verify') : null,
    text: element ? element.textContent : null,
  });
} else if (mode === 'bake') {
  root.setAttribute('xmlns:openbadges', OB);
  const element = doc.createElementNS(OB, 'openbadges:credential');
  if (input.jwt) element.setAttribute('verify', input.credential);
  else element.appendChild(doc.createCDATASection(input.credential));
  root.insertBefore(element, root.firstChild);
  writeJson({ svg: new XMLSerializer().serializeToString(doc) });
} else {
  throw new Error(`unknown mode ${mode}`);
}
