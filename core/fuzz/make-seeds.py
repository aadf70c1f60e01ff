#!/usr/bin/env python3
"""Makes the seed inputs of the fuzz targets in seeds/read and seeds/plan.

The seeds are the import fixtures (core/tests/fixtures/import) and small files written here:
CSV in each encoding and delimiter the reader detects, a hand-made xlsx (shared and inline
strings, numbers, a date, a boolean, an error, an empty first sheet) and a hand-made ods
(repeated rows and columns, a date-value). Each file is prefixed with the control bytes its
target reads first (see fuzz_targets/common.rs, read.rs and plan.rs).

Run it from anywhere: python3 core/fuzz/make-seeds.py
"""

import io
import os
import shutil
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures", "import")
EXT = {"xlsx": 0, "xls": 1, "ods": 2, "csv": 3, "txt": 4}

HEADER = ["STT", "Mã KH", "Họ và tên", "Ngày sinh", "Điện thoại", "Email", "Cấp độ", "Giới tính"]
ROWS = [
    ["1", "KH001", "Nguyễn Thị Hồng", "12/03/1985", "0903123456", "hong.nguyen@example.com", "VIP", "Nữ"],
    ["2", "KH004", "Phạm Minh Quân", "1990-11-07", "903 555 666; +84 28 3823 4567", "quan@example.vn, q@x.io", "Mới", "Nam"],
    ["3", "", "Đỗ Thu Hà", "15/03/85", "gọi sau", "ha at example", "", "?"],
    ["4", "kh001", "Nguyễn Thị Hồng", "", "'+84903123456", "HONG.NGUYEN@example.com", "VIP", "nu"],
]


def csv_text(delimiter=",", title=True):
    lines = []
    if title:
        lines += ["DANH SÁCH KHÁCH HÀNG", "Ngày 01/12/2024", ""]
    for row in [HEADER] + ROWS:
        cells = []
        for cell in row:
            if delimiter in cell or '"' in cell or "\n" in cell:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        lines.append(delimiter.join(cells))
    lines.append(delimiter.join(["", "", "Tổng cộng", "", "", "", "", ""]))
    return "\r\n".join(lines) + "\r\n"


# The tone marks Windows-1258 has as combining characters.
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text):
    """Vietnamese as Windows-1258 holds it: a precomposed base letter and a combining tone."""
    out = b""
    for c in text:
        try:
            out += c.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", c)
            tones = [m for m in d[1:] if m in TONES]
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
            out += (base + "".join(tones)).encode("cp1258", errors="replace")
    return out


def xlsx():
    strings = HEADER + [c for r in ROWS for c in r[1:3]]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    rows = ["<row r=\"1\"/>"]
    header = "".join(
        f'<c r="{chr(65 + i)}2" t="s"><v>{i}</v></c>' for i in range(len(HEADER))
    )
    rows.append(f'<row r="2">{header}</row>')
    r = 3
    s = len(HEADER)
    for row in ROWS:
        cells = [
            f'<c r="A{r}"><v>{row[0]}</v></c>',
            f'<c r="B{r}" t="s"><v>{s}</v></c>',
            f'<c r="C{r}" t="s"><v>{s + 1}</v></c>',
            f'<c r="D{r}" s="1"><v>31118</v></c>',
            f'<c r="E{r}"><v>903123456</v></c>',
            f'<c r="F{r}" t="inlineStr"><is><t>{row[5]}</t></is></c>',
            f'<c r="G{r}" t="b"><v>1</v></c>',
            f'<c r="H{r}" t="e"><v>#N/A</v></c>',
        ]
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        r += 1
        s += 2
    sheet2 = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(rows)}</sheetData></worksheet>'
    )
    empty = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData/></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Trống" sheetId="1" r:id="rId1"/>'
            '<sheet name="Khách hàng" sheetId="2" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>'
        ),
        "xl/worksheets/sheet1.xml": empty,
        "xl/worksheets/sheet2.xml": sheet2,
    }
    return zipped(parts)


def ods():
    def cell(v, repeat=1):
        rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
        return f'<table:table-cell office:value-type="string"{rep}><text:p>{v}</text:p></table:table-cell>'

    rows = [
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>',
        "<table:table-row>" + "".join(cell(h) for h in HEADER) + "</table:table-row>",
    ]
    for row in ROWS:
        cells = [
            f'<table:table-cell office:value-type="float" office:value="{row[0]}"><text:p>{row[0]}</text:p></table:table-cell>',
            cell(row[1]),
            cell(row[2]),
            '<table:table-cell office:value-type="date" office:date-value="1985-03-12"><text:p>12/03/1985</text:p></table:table-cell>',
            '<table:table-cell office:value-type="float" office:value="903123456"><text:p>903123456</text:p></table:table-cell>',
            cell(row[5]),
            '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>',
            cell(row[7], 2),
        ]
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Khách hàng">'
        + "".join(rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    return zipped(
        {
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
            "META-INF/manifest.xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>"
            ),
            "content.xml": content,
        },
        stored_first=True,
    )


def zipped(parts, stored_first=False):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i, (name, text) in enumerate(parts.items()):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name, date_time=(2024, 12, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def files():
    """(name, extension, bytes) of every seed file."""
    out = []
    for name in sorted(os.listdir(FIXTURES)):
        ext = name.rsplit(".", 1)[-1]
        if ext in EXT:
            with open(os.path.join(FIXTURES, name), "rb") as f:
                out.append((name, ext, f.read()))
    out += [
        ("comma.csv", "csv", csv_text(",").encode("utf-8")),
        ("bom-semicolon.csv", "csv", b"\xef\xbb\xbf" + csv_text(";", title=False).encode("utf-8")),
        ("tab.txt", "txt", csv_text("\t").encode("utf-8")),
        ("utf16le-bom.csv", "csv", b"\xff\xfe" + csv_text("\t", title=False).encode("utf-16-le")),
        ("utf16be.csv", "csv", csv_text(",", title=False).encode("utf-16-be")),
        ("windows-1258.csv", "csv", cp1258(csv_text(";"))),
        (
            "quoted.csv",
            "csv",
            'Họ tên,Ghi chú,SĐT\n"An","dòng một\ndòng hai, ""trích""",0903123456\n\n\nBình,,\n'.encode(),
        ),
        # The headers of the customers already on the plan target's desk (its mapping is
        # remembered), with one changed phone and one new customer.
        (
            "on-file.csv",
            "csv",
            "Mã KH,Họ và tên,Ngày sinh,Điện thoại,Email,Cấp độ,Người phụ trách,Sở thích,Người giới thiệu\n"
            "KH001,Nguyễn Thị Hồng,12/03/1985,0903999888,hong.nguyen@example.com,VIP,Lan,Du lịch biển,\n"
            "KH005,Vũ Hải Yến,01/01/2000,0987654321,yen@example.com,Mới,Hoa,,KH001\n".encode(),
        ),
        ("tiny.xlsx", "xlsx", xlsx()),
        ("tiny.ods", "ods", ods()),
    ]
    return out


def main():
    targets = {
        # [extension] [CSV options]
        "read": lambda ext, i: bytes([EXT[ext], i * 5 % 32]),
        # [extension] [CSV options] [flags] [header row] [constant] [column]: half the seeds
        # with changes (overwrite, create missing, header row 2, a constant, a column).
        "plan": lambda ext, i: bytes([EXT[ext], i * 5 % 32, 0, 0, 0, 0])
        if i % 2 == 0
        else bytes([EXT[ext], i * 5 % 32, 0b0100_0110, 2, 29, 33]),
    }
    for target, prefix in targets.items():
        folder = os.path.join(HERE, "seeds", target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for i, (name, ext, data) in enumerate(files()):
            with open(os.path.join(folder, name), "wb") as f:
                f.write(prefix(ext, i) + data)


if __name__ == "__main__":
    main()
