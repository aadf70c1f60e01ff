//! (area: dashboard)
