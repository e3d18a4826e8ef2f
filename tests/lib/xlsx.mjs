// Filling an XLSX template as a person would in Excel: the rows are added to the first sheet
// below its header, the rest of the workbook is kept; the result is a new zip (stored
// members). Enough zip for tests: no zip64, no encryption.
import { inflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// The members of a zip archive: [{ name, data }] (inflated).
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const lstart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(lstart, lstart + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

// A zip archive of [{ name, data }] with stored members.
export function zip(members) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const crc = crc32(m.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x0800, 6); lh.writeUInt16LE(0, 8);
    lh.writeUInt32LE(0, 10); lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(m.data.length, 18);
    lh.writeUInt32LE(m.data.length, 22); lh.writeUInt16LE(name.length, 26); lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(0, 10); ch.writeUInt32LE(0, 12); ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(m.data.length, 20);
    ch.writeUInt32LE(m.data.length, 24); ch.writeUInt16LE(name.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, m.data);
    centrals.push(ch, name);
    offset += 30 + name.length + m.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(members.length, 8); end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

// The template with rows (arrays of cell texts, in the template's column order) appended to
// its first sheet.
export function fillTemplate(xlsx, rows) {
  const members = unzip(xlsx);
  const sheet = members.find((m) => m.name === 'xl/worksheets/sheet1.xml');
  let xml = sheet.data.toString('utf8');
  const last = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])).reduce((a, b) => Math.max(a, b), 0);
  const add = rows.map((cells, i) => {
    const r = last + 1 + i;
    const cs = cells.map((v, j) => (v === '' || v == null ? ''
      : `<c r="${col(j)}${r}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`)).join('');
    return `<row r="${r}">${cs}</row>`;
  }).join('');
  xml = xml.replace('</sheetData>', `${add}</sheetData>`);
  sheet.data = Buffer.from(xml, 'utf8');
  return zip(members);
}

// The first sheet's header cells, for checking a template.
export function headerOf(xlsx) {
  const sheet = unzip(xlsx).find((m) => m.name === 'xl/worksheets/sheet1.xml').data.toString('utf8');
  const row = sheet.match(/<row r="1"[^>]*>(.*?)<\/row>/)[1];
  return [...row.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
}
