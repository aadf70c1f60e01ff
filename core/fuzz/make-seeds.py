#!/usr/bin/env python3
"""Makes the seed inputs of the fuzz targets in seeds/<target>: xlsx, xls, csv and plan.

The seeds are the import fixtures (core/tests/fixtures/import) and small files written here:
CSV in each encoding and delimiter the reader detects, hand-made xlsx (shared, inline and rich
strings, numbers, a date, a boolean, an error, an empty first sheet), a hand-made ods (repeated
rows and columns, a date-value) and hand-made .xls (BIFF8 records in a compound file: shared
strings split over CONTINUE records, labels, numbers, RK numbers, a date format, a boolean, an
error). Each reader's target gets the files of its kind (the xlsx target the zips, ods
included; the xls target the compound files, a password-protected xlsx included); the plan
target gets all of them, each prefixed with the control bytes it reads first (see
fuzz_targets/common.rs and plan.rs).

Run it from anywhere: python3 core/fuzz/make-seeds.py
"""

import io
import os
import shutil
import struct
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


def xlsx_inline():
    """No shared strings and no styles: inline strings, a rich-text one, a merged title."""
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><r><t>DANH SÁCH </t></r><r><rPr><b/></rPr><t>KHÁCH</t></r></is></c></row>']
    header = "".join(
        f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER)
    )
    rows.append(f'<row r="2">{header}</row>')
    for r, row in enumerate(ROWS, start=3):
        cells = "".join(
            f'<c r="{chr(65 + i)}{r}" t="str"><v>{v}</v></c>' for i, v in enumerate(row) if v
        )
        rows.append(f'<row r="{r}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:H{len(ROWS) + 2}"/><sheetData>{"".join(rows)}</sheetData>'
        '<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells></worksheet>'
    )
    return zipped(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
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
                '<sheets><sheet name="KH" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ),
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


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


# --- xls: BIFF8 records in a compound file -------------------------------------------------


def biff(typ, data=b""):
    return struct.pack("<HH", typ, len(data)) + data


def xl_string(text, length_bytes=2):
    """An XLUnicodeString: 8-bit when it fits in Latin-1, UTF-16 otherwise."""
    try:
        body, flags = text.encode("latin-1"), 0
    except UnicodeEncodeError:
        body, flags = text.encode("utf-16-le"), 1
    count = len(text.encode("utf-16-le")) // 2
    size = "<H" if length_bytes == 2 else "<B"
    return struct.pack(size, count) + bytes([flags]) + body


def sst(strings):
    """The shared strings: one SST record, continued in CONTINUE records at string bounds."""
    records, chunk = [], struct.pack("<II", len(strings), len(strings))
    typ = 0x00FC
    for s in strings:
        encoded = xl_string(s)
        if len(chunk) + len(encoded) > 8224:
            records.append(biff(typ, chunk))
            typ, chunk = 0x003C, b""
        chunk += encoded
    records.append(biff(typ, chunk))
    return b"".join(records)


def cell(typ, row, col, xf, data):
    return biff(typ, struct.pack("<HHH", row, col, xf) + data)


def rk_int(n):
    return struct.pack("<I", (n << 2) | 2)


def workbook_stream(strings, sheets):
    """The globals (BOF, a font, the date format, two XFs, the shared strings, a BoundSheet8
    per sheet, EOF), then each sheet's BOF, records and EOF."""
    bof = lambda dt: biff(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x0206))
    font = biff(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + xl_string("Arial", 1))
    fmt = biff(0x041E, struct.pack("<H", 164) + xl_string("dd/mm/yyyy"))
    xf = lambda ifmt: biff(0x00E0, struct.pack("<HHHBBBBIIH", 0, ifmt, 0, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    globals_ = [bof(5), biff(0x0042, struct.pack("<H", 1200)), font, fmt, xf(0), xf(164), sst(strings)]
    names = [name for name, _ in sheets]
    bound = lambda pos, name: biff(0x0085, struct.pack("<IBB", pos, 0, 0) + xl_string(name, 1))
    size = sum(map(len, globals_)) + sum(len(bound(0, n)) for n in names) + len(biff(0x000A))
    bounds, pos = [], size
    bodies = []
    for name, records in sheets:
        body = bof(0x10) + b"".join(records) + biff(0x000A)
        bounds.append(bound(pos, name))
        bodies.append(body)
        pos += len(body)
    return b"".join(globals_) + b"".join(bounds) + biff(0x000A) + b"".join(bodies)


def compound_file(stream):
    """A compound file of 512-byte sectors holding `stream` as its Workbook stream, padded to
    4096 bytes so that it is read from the file's sectors and not from the mini stream: the
    header, the FAT from sector 0 on, then the directory, then the stream."""
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    stream = stream + bytes(-len(stream) % 512)
    if len(stream) < 4096:
        stream += bytes(4096 - len(stream))
    sectors = len(stream) // 512
    fats = 1
    while fats * 128 < fats + 1 + sectors:
        fats += 1
    assert fats <= 109, "the header lists 109 FAT sectors"
    directory_at = fats
    header = bytearray(512)
    header[:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 0x2C, fats, directory_at)
    struct.pack_into("<IIIII", header, 0x38, 4096, end, 0, end, 0)  # no mini FAT, no DIFAT
    header[0x4C:] = b"\xff" * (512 - 0x4C)
    struct.pack_into(f"<{fats}I", header, 0x4C, *range(fats))
    fat = [free] * (fats * 128)
    for s in range(fats):
        fat[s] = 0xFFFFFFFD
    fat[directory_at] = end
    first = directory_at + 1
    for s in range(first, first + sectors):
        fat[s] = end if s == first + sectors - 1 else s + 1

    def entry(name, typ, start, size, child=free):
        e = bytearray(128)
        units = (name + "\0").encode("utf-16-le")
        e[: len(units)] = units
        struct.pack_into("<HB", e, 0x40, len(units), typ)
        struct.pack_into("<III", e, 0x44, free, free, child)
        struct.pack_into("<II", e, 0x74, start, size)
        return bytes(e)

    directory = entry("Root Entry", 5, end, 0, child=1) + entry("Workbook", 2, first, len(stream))
    directory += bytes(512 - len(directory))
    return bytes(header) + struct.pack(f"<{fats * 128}I", *fat) + directory + stream


def xls():
    strings = HEADER + [c for r in ROWS for c in r[1:3]]
    records = [biff(0x0200, struct.pack("<IIHHH", 0, len(ROWS) + 2, 0, len(HEADER), 0))]
    records += [cell(0x0204, 0, 0, 0, xl_string("DANH SÁCH KHÁCH HÀNG"))]
    records += [cell(0x00FD, 1, i, 0, struct.pack("<I", i)) for i in range(len(HEADER))]
    s = len(HEADER)
    for r, row in enumerate(ROWS, start=2):
        records += [
            cell(0x027E, r, 0, 0, rk_int(int(row[0]))),
            cell(0x00FD, r, 1, 0, struct.pack("<I", s)),
            cell(0x00FD, r, 2, 0, struct.pack("<I", s + 1)),
            cell(0x0203, r, 3, 1, struct.pack("<d", 31118.0)),
            cell(0x0203, r, 4, 0, struct.pack("<d", 903123456.0)),
            cell(0x0204, r, 5, 0, xl_string(row[5])),
            cell(0x0205, r, 6, 0, bytes([1, 0])),
            cell(0x0205, r, 7, 0, bytes([0x2A, 1])),
        ]
        s += 2
    return compound_file(workbook_stream(strings, [("Trống", []), ("Khách hàng", records)]))


def xls_many_strings():
    """Six hundred customers by shared string: the SST runs over three CONTINUE records."""
    names = [f"Nguyễn Văn Khách số {i}" for i in range(600)]
    records = [cell(0x00FD, 0, 0, 0, struct.pack("<I", 0))]
    records += [cell(0x00FD, i, 0, 0, struct.pack("<I", i)) for i in range(1, 600)]
    records += [cell(0x027E, i, 1, 0, rk_int(900000000 + i)) for i in range(600)]
    return compound_file(workbook_stream(names, [("KH", records)]))


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
        # Mixed line ends, a lone CR, a row longer than the header, a quote never closed.
        ("ragged.csv", "csv", b'a,b\r\n1\r2,3,4\n"open quote,5\n' + b"x" * 300 + b"\n"),
        ("tiny.xlsx", "xlsx", xlsx()),
        ("inline.xlsx", "xlsx", xlsx_inline()),
        ("tiny.ods", "ods", ods()),
        ("tiny.xls", "xls", xls()),
        ("many-strings.xls", "xls", xls_many_strings()),
    ]
    return out


def kind(name, ext, data):
    """The reader's target a file seeds: by what it is, not by what it is called."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(bytes([0xD0, 0xCF, 0x11, 0xE0])):
        return "xls"
    return "csv"


def main():
    every = files()
    seeds = {"xlsx": [], "xls": [], "csv": [], "plan": []}
    for i, (name, ext, data) in enumerate(every):
        # The readers' targets: the file as it is; the csv target after its options byte.
        target = kind(name, ext, data)
        seeds[target].append((name, (bytes([i * 5 % 32]) if target == "csv" else b"") + data))
        # The plan target: [extension] [CSV options] [flags] [header row] [constant] [column],
        # half the seeds with changes (overwrite, create missing, header row 2, a constant, a
        # column).
        prefix = (
            bytes([EXT[ext], i * 5 % 32, 0, 0, 0, 0])
            if i % 2 == 0
            else bytes([EXT[ext], i * 5 % 32, 0b0100_0110, 2, 29, 33])
        )
        seeds["plan"].append((name, prefix + data))
    for target, named in seeds.items():
        folder = os.path.join(HERE, "seeds", target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name, data in named:
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
    shutil.rmtree(os.path.join(HERE, "seeds", "read"), ignore_errors=True)


if __name__ == "__main__":
    main()
