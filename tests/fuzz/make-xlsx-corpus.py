#!/usr/bin/python3
# Writes the small XLSX seed files of corpus/xlsx and corpus/intake_detect (a few hundred
# bytes each), so the fuzz corpus holds no binary whose origin is unknown. Run from the
# repository root: /usr/bin/python3 tests/fuzz/make-xlsx-corpus.py
import io
import os
import zipfile

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'


METHOD = [zipfile.ZIP_DEFLATED]


def put(z, name, body):
    # fixed times, so the seeds are the same bytes each time they are written
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = METHOD[0]
    z.writestr(info, body)


def book(sheet, sst=None, styles=None, extra=None, workbook=None, rels=True):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        put(z, '[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        if rels:
            put(z, '_rels/.rels', f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                       f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        put(z, 'xl/workbook.xml', workbook or
                   f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/><sheets>'
                   '<sheet name="Assets" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, 'xl/_rels/workbook.xml.rels',
                   f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        if sheet is not None:
            put(z, 'xl/worksheets/sheet1.xml', f'<worksheet xmlns="{MAIN}"><sheetData>{sheet}</sheetData></worksheet>')
        if sst is not None:
            put(z, 'xl/sharedStrings.xml', f'<sst xmlns="{MAIN}">{sst}</sst>')
        if styles is not None:
            put(z, 'xl/styles.xml', f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>')
        for name, body in (extra or {}).items():
            put(z, name, body)
    return buf.getvalue()


STYLES = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\\ h:mm"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>')
TEMPLATE_SST = ('<si><t>資產類別</t></si><si><t>資產名稱</t></si><si><t>版本</t></si><si><t>數量</t></si>'
                '<si><t>資通系統資產</t></si><si><r><t>Microsoft </t></r><r><t>Access</t></r>'
                '<rPh><t>x</t></rPh></si><si><t>16.0_x000D_</t></si>')
TEMPLATE_ROWS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                 '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
                 '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c>'
                 '<c r="C2" t="s"><v>6</v></c><c r="D2"><v>2</v></c></row>'
                 '<row r="4"><c r="A4" t="inlineStr"><is><t>工控</t></is></c><c r="B4" t="str"><v>PLC</v></c>'
                 '<c r="C4" s="1"><v>45292</v></c><c r="D4" s="2"><v>2.5</v></c><c r="E4" t="b"><v>1</v></c>'
                 '<c r="F4" t="e"><v>#N/A</v></c></row>')

seeds = {
    'template': book(TEMPLATE_ROWS, TEMPLATE_SST, STYLES),
    'no_rels_dates': book('<row><c s="1"><v>60</v></c><c s="2"><v>0.5</v></c><c><v>4.4000000000000004</v></c></row>',
                          None, STYLES, rels=False),
    'bad_index': book('<row r="3"><c r="F3" t="s"><v>99</v></c><c r="B3"><v>1</v></c></row>', '<si><t>a</t></si>'),
    'doctype': book(None, extra={'xl/worksheets/sheet1.xml':
                                 '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x "y">]>'
                                 f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'}),
    'no_workbook': book('', workbook=None) .replace(b'xl/workbook.xml', b'xl/workbook.xmz'),
    'hidden_and_chart': book('<row><c t="inlineStr"><is><t>x</t></is></c></row>', workbook=
                             f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="1"/><sheets>'
                             '<sheet name="L" sheetId="2" state="hidden" r:id="rId9"/>'
                             '<sheet name="Assets" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'zeros_bomb': book('<row><c><v>1</v></c></row>' + ' ' * 200000),
}

# stored, not deflated: mutations then reach the XML itself
METHOD[0] = zipfile.ZIP_STORED
seeds['template_stored'] = book(TEMPLATE_ROWS, TEMPLATE_SST, STYLES)
METHOD[0] = zipfile.ZIP_DEFLATED

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
for name, data in seeds.items():
    with open(os.path.join(root, 'xlsx', name), 'wb') as f:
        f.write(data)
with open(os.path.join(root, 'intake_detect', 'template_xlsx'), 'wb') as f:
    f.write(seeds['template'])
