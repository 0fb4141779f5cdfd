// Open Badges 3.0 baked PNG (section 5.3) with independent PNG code: pngjs encodes and decodes images,
// png-chunks-extract splits a PNG into chunks (checking every CRC) and png-chunks-encode joins them (computing CRCs).
// The iTXt fields (PNG section 11.3.3.4) are split and built here, by the byte layout of the PNG specification.
//   node ob-bake-png.mjs make   -> {png}                       a 3x2 RGBA image from pngjs, base64
//   node ob-bake-png.mjs read   <- {png} -> {chunks, credentials: [{compressionFlag, compressionMethod, languageTag, translatedKeyword, text}], width, height}
//   node ob-bake-png.mjs bake   <- {png, text} -> {png}        adds the openbadgecredential iTXt chunk before IEND
import pngjs from 'pngjs';
import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import { readStdinJson, writeJson } from './jose-io.mjs';

const { PNG } = pngjs;
const KEYWORD = 'openbadgecredential';

function splitITxt(data) {
  const nul = (from) => {
    const at = data.indexOf(0, from);
    if (at < 0) throw new Error('iTXt separator missing');
    return at;
  };
  const keywordEnd = nul(0);
  const keyword = Buffer.from(data.subarray(0, keywordEnd)).toString('latin1');
  const compressionFlag = data[keywordEnd + 1];
  const compressionMethod = data[keywordEnd + 2];
  const languageEnd = nul(keywordEnd + 3);
  const translatedEnd = nul(languageEnd + 1);
  return {
    keyword,
    compressionFlag,
    compressionMethod,
    languageTag: Buffer.from(data.subarray(keywordEnd + 3, languageEnd)).toString('latin1'),
    translatedKeyword: new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(languageEnd + 1, translatedEnd)),
    text: new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(translatedEnd + 1)),
  };
}

const mode = process.argv[2];
if (mode === 'make') {
  const png = new PNG({ width: 3, height: 2 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) & 0xff;
  writeJson({ png: PNG.sync.write(png).toString('base64') });
} else if (mode === 'read') {
  const input = await readStdinJson();
  const bytes = Buffer.from(input.png, 'base64');
  const chunks = extractChunks(bytes);
  const credentials = chunks
    .filter((c) => c.name === 'iTXt')
    .map((c) => splitITxt(c.data))
    .filter((t) => t.keyword === KEYWORD)
    .map(({ keyword, ...rest }) => rest);
  const image = PNG.sync.read(bytes); // the image still decodes
  writeJson({ chunks: chunks.map((c) => c.name), credentials, width: image.width, height: image.height });
} else if (mode === 'bake') {
  const input = await readStdinJson();
  const chunks = extractChunks(Buffer.from(input.png, 'base64')).filter((c) => !(c.name === 'iTXt' && splitITxt(c.data).keyword === KEYWORD));
  const data = Buffer.concat([Buffer.from(KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(input.text, 'utf8')]);
  chunks.splice(chunks.length - 1, 0, { name: 'iTXt', data: new Uint8Array(data) });
  writeJson({ png: Buffer.from(encodeChunks(chunks)).toString('base64') });
} else {
  throw new Error(`unknown mode ${mode}`);
}
