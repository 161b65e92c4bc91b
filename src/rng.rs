//! The random numbers of the lab generators and the coding checkers: PCG (`rand_pcg`), whose output for a seed is
//! documented as stable across versions and platforms, so a seed gives the same lab on
//! every build (rand's `StdRng` may change between versions). Seeded through
//! `SeedableRng::seed_from_u64`, which `rand_core` also keeps stable.
//!
//! Only ever seeded explicitly; nothing here reads the clock or the operating system.

use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64;

/// An explicitly seeded generator with the helpers the lab generators draw from.
#[derive(Debug, Clone)]
pub struct Rng {
    pcg: Pcg64,
    seed: u64,
}

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let seed = seed ^ 0x6c61_6273_2d73_6565;
        Self {
            pcg: Pcg64::seed_from_u64(seed),
            seed,
        }
    }

    /// A generator for one part of a lab, independent of how much the others drew.
    #[must_use]
    pub fn fork(&self, salt: u64) -> Self {
        Self::new(self.seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.pcg.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi - lo + 1)
    }

    /// A float in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a non-empty slice (the first when it is empty is impossible: callers
    /// pass constant lists).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// A positive value spread around `mean` (log-normal-ish), for latencies and sizes.
    pub fn around(&mut self, mean: f64, spread: f64) -> f64 {
        let u = (self.unit() + self.unit() + self.unit()) / 3.0 - 0.5;
        mean * (u * 2.0 * spread).exp()
    }

    /// An IPv4 address in `10.a.b.c` (private, like a data centre's clients).
    pub fn private_ip(&mut self) -> String {
        format!(
            "10.{}.{}.{}",
            self.range(0, 40),
            self.range(0, 254),
            self.range(2, 254)
        )
    }

    /// A public-looking IPv4 address from documentation and common cloud ranges.
    pub fn public_ip(&mut self) -> String {
        let first = *self.pick(&[34u64, 52, 81, 93, 104, 141, 151, 185, 198, 203, 212]);
        format!(
            "{first}.{}.{}.{}",
            self.range(1, 254),
            self.range(0, 254),
            self.range(2, 254)
        )
    }
}

/// Mixes a seed into another, well-separated one (the `--pipeline` check folder).
#[must_use]
pub fn derive_seed(seed: u64, salt: u64) -> u64 {
    let mut r = Rng::new(seed ^ salt.rotate_left(17));
    r.next_u64() >> 11
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
    }

    #[test]
    fn a_seed_gives_the_numbers_it_always_gave() {
        // Pinned: a change here changes every lab a seed produces.
        let mut r = Rng::new(42);
        let first: Vec<u64> = (0..3).map(|_| r.below(1000)).collect();
        assert_eq!(first, vec![983, 524, 389]);
    }

    #[test]
    fn forks_do_not_depend_on_what_the_parent_drew() {
        let root = Rng::new(5);
        let mut drawn = root.clone();
        drawn.next_u64();
        assert_eq!(root.fork(3).next_u64(), drawn.fork(3).next_u64());
        assert_ne!(root.fork(3).next_u64(), root.fork(4).next_u64());
    }

    #[test]
    fn numbers_stay_in_their_ranges() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            assert!(r.below(10) < 10);
            let x = r.range(5, 7);
            assert!((5..=7).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(r.below(0), 0);
        assert_ne!(derive_seed(1, 2), 1);
        assert!(derive_seed(u64::MAX, 3) < 1 << 53);
    }
}
