//! The layout layer the sheet is written in: rows, wrapped cells, tables whose header repeats on
//! every page, page breaks. (Being built.)
