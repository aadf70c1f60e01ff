//! (area: stats)
