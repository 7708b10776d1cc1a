//! `exp`, `ln` and `ln_1p` from IEEE `+ − × ÷` and bit operations only,
//! so a model trained in the browser's wasm is the same to the last bit as
//! one trained by the CLI.
//!
//! Why: `f64::exp` and `f64::ln` call the platform's maths library (glibc
//! natively, a port of musl in wasm), and those differ in the last bit for
//! some inputs; logistic regression iterates on thousands of them, so the
//! page's Brier score differed from the CLI's in the 16th digit. These are
//! FreeBSD's `e_exp.c` and `e_log.c` (Sun's fdlibm, error < 1 ulp) written
//! out in Rust; `ln_1p` uses Goldberg's `ln(u) · x / (u − 1)` with
//! `u = 1 + x`.

// The constants are written as fdlibm writes them (more digits than an
// f64 holds, and INV_LN2 is LOG2_E), so they can be checked against it.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;

/// `e^x`.
pub fn exp(x: f64) -> f64 {
    const INV_LN2: f64 = 1.442_695_040_888_963_387_00e+00;
    const P1: f64 = 1.666_666_666_666_660_190_37e-01;
    const P2: f64 = -2.777_777_777_701_559_338_42e-03;
    const P3: f64 = 6.613_756_321_437_934_361_17e-05;
    const P4: f64 = -1.653_390_220_546_525_153_90e-06;
    const P5: f64 = 4.138_136_797_057_238_460_39e-08;
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_383_973_096 {
        return f64::INFINITY;
    }
    if x < -745.133_219_101_941_108_42 {
        return 0.0;
    }
    let hx = ((x.to_bits() >> 32) as u32) & 0x7fff_ffff;
    let negative = x < 0.0;
    let (hi, lo, k): (f64, f64, i32);
    if hx > 0x3fd6_2e42 {
        // |x| > ln2 / 2: reduce to r = x − k·ln2 with |r| <= ln2 / 2.
        k = if hx < 0x3ff0_a2b2 {
            if negative {
                -1
            } else {
                1
            }
        } else {
            (INV_LN2 * x + if negative { -0.5 } else { 0.5 }) as i32
        };
        let kf = f64::from(k);
        hi = x - kf * LN2_HI;
        lo = kf * LN2_LO;
    } else if hx > 0x3e30_0000 {
        k = 0;
        hi = x;
        lo = 0.0;
    } else {
        return 1.0 + x;
    }
    let r = hi - lo;
    let rr = r * r;
    let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
    let y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    if k == 0 {
        y
    } else {
        scale_by_power_of_two(y, k)
    }
}

/// `y · 2^k` for the `k` of [`exp`] (−1075 < k < 1025), exactly.
fn scale_by_power_of_two(mut y: f64, mut k: i32) -> f64 {
    let two = |e: i32| f64::from_bits(((0x3ff + e) as u64) << 52);
    if k > 1023 {
        y *= two(1023);
        k -= 1023;
    } else if k < -1022 {
        // Two steps keep the result correctly rounded into subnormals.
        y *= two(-1022) * two(53);
        k += 1022 - 53;
        if k < -1022 {
            y *= two(-1022);
            k += 1022;
        }
    }
    y * two(k)
}

/// `ln x` (NaN below 0, −∞ at 0).
pub fn ln(x: f64) -> f64 {
    const LG1: f64 = 6.666_666_666_666_735_130e-01;
    const LG2: f64 = 3.999_999_999_940_941_908e-01;
    const LG3: f64 = 2.857_142_874_366_239_149e-01;
    const LG4: f64 = 2.222_219_843_214_978_396e-01;
    const LG5: f64 = 1.818_357_216_161_805_012e-01;
    const LG6: f64 = 1.531_383_769_920_937_332e-01;
    const LG7: f64 = 1.479_819_860_511_658_591e-01;
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    let mut x = x;
    let mut k: i32 = 0;
    if x < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range.
        k -= 54;
        x *= f64::from_bits((0x3ff + 54) << 52);
    }
    let bits = x.to_bits();
    if bits == 1.0f64.to_bits() {
        return 0.0;
    }
    // Reduce x to m · 2^k with sqrt(2)/2 < m < sqrt(2).
    let mut hx = (bits >> 32) as u32;
    hx = hx.wrapping_add(0x3ff0_0000 - 0x3fe6_a09e);
    k += (hx >> 20) as i32 - 0x3ff;
    hx = (hx & 0x000f_ffff) + 0x3fe6_a09e;
    let m = f64::from_bits((u64::from(hx) << 32) | (bits & 0xffff_ffff));
    let f = m - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let dk = f64::from(k);
    s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI
}

/// `ln(1 + x)`, accurate for tiny `x`.
pub fn ln_1p(x: f64) -> f64 {
    let u = 1.0 + x;
    if u == 1.0 {
        x
    } else if u == f64::INFINITY {
        u
    } else {
        ln(u) * x / (u - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn within_one_ulp_of_the_platform_over_a_wide_range() {
        let mut x = -745.0;
        while x < 709.0 {
            assert!(
                ulps(exp(x), x.exp()) <= 1,
                "exp({x}) = {} vs {}",
                exp(x),
                x.exp()
            );
            x += 0.0137;
        }
        let mut y = 1e-300;
        while y < 1e300 {
            assert!(ulps(ln(y), y.ln()) <= 1, "ln({y})");
            assert!(ulps(ln(y * 1.000_1), (y * 1.000_1).ln()) <= 1, "ln({y})");
            y *= 1.37;
        }
        for v in [1e-20, 1e-10, 1e-5, 0.3, 1.0, 5.0, 1e10] {
            let rel = (ln_1p(v) - v.ln_1p()).abs() / v.ln_1p();
            assert!(rel < 4.0 * f64::EPSILON, "ln_1p({v})");
        }
    }

    #[test]
    fn edge_values() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert!(exp(-744.0) > 0.0);
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
        assert!((ln(5e-324) - (5e-324f64).ln()).abs() < 1e-12);
        assert_eq!(ln_1p(0.0), 0.0);
        assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
    }
}
