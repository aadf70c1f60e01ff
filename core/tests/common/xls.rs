#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there
#![allow(dead_code)]

//! .xls files built byte by byte: an OLE container around a BIFF8 Workbook stream, small
//! enough to change one thing at a time (a sector chain, a DIMENSIONS record, a far cell).

/// One BIFF record: type, length, data.
pub fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A Workbook stream of one sheet, "KH", whose records are `sheet`: the globals (BOF,
/// BoundSheet8, EOF), then the sheet's BOF, its records and EOF.
pub fn workbook_stream(sheet: &[Vec<u8>]) -> Vec<u8> {
    let bof = |dt: u16| {
        biff(
            0x0809,
            &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes()].concat(),
        )
    };
    let bound_sheet = |pos: u32| {
        // Position, visible worksheet, then the name: 2 characters, 8-bit.
        biff(
            0x0085,
            &[&pos.to_le_bytes()[..], &[0, 0, 2, 0], b"KH"].concat(),
        )
    };
    let globals_len = bof(5).len() + bound_sheet(0).len() + biff(0x000A, &[]).len();
    let mut stream = bof(5);
    stream.extend(bound_sheet(globals_len as u32));
    stream.extend(biff(0x000A, &[]));
    stream.extend(bof(0x10));
    for record in sheet {
        stream.extend_from_slice(record);
    }
    stream.extend(biff(0x000A, &[]));
    stream
}

/// An OLE file of 512-byte sectors holding `workbook` as its Workbook stream, padded to 4096
/// bytes so that it is read from the file's sectors and not from the mini stream: the header,
/// the FAT in sector 0, the directory in sector 1, the stream from sector 2 on. `fat` may
/// change the FAT's entries before it is written.
pub fn xls_with(workbook: &[u8], fat: impl FnOnce(&mut Vec<u32>)) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    let mut stream = workbook.to_vec();
    stream.resize(stream.len().max(4096).next_multiple_of(512), 0);
    let stream_sectors = (stream.len() / 512) as u32;

    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    header[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // the directory's sector
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes()); // no more DIFAT
    header[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes()); // the FAT is in sector 0
    for slot in header[0x50..].chunks_exact_mut(4) {
        slot.copy_from_slice(&u32::MAX.to_le_bytes());
    }

    let mut entries = vec![u32::MAX; 128];
    entries[0] = 0xFFFF_FFFD; // the FAT itself
    entries[1] = END; // the directory
    for s in 2..2 + stream_sectors {
        entries[s as usize] = if s == 1 + stream_sectors { END } else { s + 1 };
    }
    fat(&mut entries);
    let fat_sector: Vec<u8> = entries.iter().flat_map(|e| e.to_le_bytes()).collect();

    let entry = |name: &str, typ: u8, start: u32, size: u32| {
        let mut e = [0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[0x42] = typ;
        e[0x44..0x50].copy_from_slice(&[0xFF; 12]); // no siblings, no child
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut root = entry("Root Entry", 5, END, 0);
    root[0x4C..0x50].copy_from_slice(&1u32.to_le_bytes()); // its child: the Workbook
    let mut directory = root.to_vec();
    directory.extend(entry("Workbook", 2, 2, stream.len() as u32));
    directory.resize(512, 0);

    [header, fat_sector, directory, stream].concat()
}

pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let data = [
        &row.to_le_bytes()[..],
        &col.to_le_bytes(),
        &0u16.to_le_bytes(),
        &value.to_le_bytes(),
    ]
    .concat();
    biff(0x0203, &data)
}
