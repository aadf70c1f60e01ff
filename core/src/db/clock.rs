//! A hybrid logical clock: wall time in milliseconds plus a counter, as sortable text, so the
//! order of changes holds even when the laptop's clock steps back.

#[derive(Debug, Default, Clone)]
pub struct Clock {
    last_ms: i64,
    counter: u32,
}

impl Clock {
    /// Resumes after the newest stamp already in the file.
    pub fn resume(newest: Option<&str>) -> Self {
        let mut clock = Clock::default();
        if let Some((ms, counter)) = newest.and_then(|s| s.split_once('-')) {
            clock.last_ms = ms.parse().unwrap_or(0);
            clock.counter = counter.parse().unwrap_or(0);
        }
        clock
    }

    /// The next stamp: never equal to or before the previous one.
    pub fn tick(&mut self, now_ms: i64) -> String {
        if now_ms > self.last_ms {
            self.last_ms = now_ms;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        format!("{:013}-{:06}", self.last_ms, self.counter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_their_order_when_the_wall_clock_steps_back() {
        let mut clock = Clock::default();
        let a = clock.tick(1_700_000_000_000);
        let b = clock.tick(1_600_000_000_000);
        let c = clock.tick(1_700_000_000_000);
        let d = clock.tick(1_700_000_000_001);
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        let resumed = Clock::resume(Some(&d)).tick(0);
        assert!(resumed > d);
    }
}
