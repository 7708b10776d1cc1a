//! The special functions behind the drift tests' p-values: log-gamma, the
//! regularized incomplete gamma functions, and from them the chi-square
//! and normal tails; the normal quantile (the rollout analysis).
//!
//! Written on [`super::math`]'s portable `exp`/`ln`, so a p-value is the
//! same to the last bit in the CLI and in the browser. Accuracy is about
//! 1e-14 relative, far inside the 1e-6 the fixtures ask of SciPy.

use super::math::{exp, ln};

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, nine terms; error < 2e-15).
///
/// ```text
/// Γ(x) = √(2π) · t^(x − ½) · e^(−t) · A(x),  t = x + g − ½   (x ≥ ½)
/// Γ(x) = π / (sin(πx) · Γ(1 − x))                           (x < ½)
/// ```
/// Only `x ≥ ½` is needed here (shapes `k/2`, counts + 1); below that the
/// reflection would need `sin`, so `ln_gamma` returns NaN for `x < ½`.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    #[allow(clippy::excessive_precision)]
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_93,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_13,
        -176.615_029_162_140_59,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_571_6e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x.is_nan() || x < 0.5 {
        return f64::NAN;
    }
    let x = x - 1.0;
    let mut a = COEF[0];
    let t = x + G + 0.5;
    for (i, &c) in COEF.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    HALF_LN_2PI + (x + 0.5) * ln(t) - t + ln(a)
}

/// The regularized lower incomplete gamma `P(a, x)` and upper `Q(a, x) =
/// 1 − P(a, x)`, as `(P, Q)`, each computed directly where it is small (a
/// series for `x < a + 1`, Lentz's continued fraction otherwise), so a tiny
/// tail keeps its relative precision.
pub fn gamma_pq(a: f64, x: f64) -> (f64, f64) {
    if a.is_nan() || a <= 0.0 || x.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x.is_infinite() {
        return (1.0, 0.0);
    }
    let log_front = a * ln(x) - x - ln_gamma(a);
    if x < a + 1.0 {
        // P = e^(−x) x^a / Γ(a + 1) · Σ x^n / ((a + 1)…(a + n))
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..100_000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        let p = (sum * exp(log_front)).min(1.0);
        (p, 1.0 - p)
    } else {
        // Q = e^(−x) x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …))
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..100_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-17 {
                break;
            }
        }
        let q = (exp(log_front) * h).min(1.0);
        (1.0 - q, q)
    }
}

/// Upper tail of the chi-square distribution with `dof` degrees of freedom:
/// `P(X ≥ x) = Q(dof/2, x/2)` (SciPy's `chi2.sf`). NaN for `dof ≤ 0`.
pub fn chi2_sf(x: f64, dof: f64) -> f64 {
    if dof.is_nan() || dof <= 0.0 {
        return f64::NAN;
    }
    gamma_pq(dof / 2.0, x / 2.0).1
}

/// `erfc(x) = 1 − erf(x)`: `Q(½, x²)` for `x ≥ 0`, `2 − erfc(−x)` below.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let q = gamma_pq(0.5, x * x).1;
    if x >= 0.0 {
        q
    } else {
        2.0 - q
    }
}

/// The standard normal CDF `Φ(z) = ½ erfc(−z/√2)` (SciPy's `norm.cdf`).
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// The standard normal quantile `Φ⁻¹(p)` for `0 < p < 1` (Wichura's AS 241,
/// `PPND16`, relative error about 1e-16; SciPy's `norm.ppf`); ±∞ at 0 and
/// 1, NaN outside. The coefficients are written as AS 241 publishes them.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    let poly = |c: &[f64], x: f64| c.iter().rev().fold(0.0, |acc, &k| acc * x + k);
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        const A: [f64; 8] = [
            3.387_132_872_796_366_5,
            133.141_667_891_784_38,
            1_971.590_950_306_551_3,
            13_731.693_765_509_461,
            45_921.953_931_549_87,
            67_265.770_927_008_7,
            33_430.575_583_588_13,
            2_509.080_928_730_122_7,
        ];
        const B: [f64; 8] = [
            1.0,
            42.313_330_701_600_91,
            687.187_007_492_057_9,
            5_394.196_021_424_751,
            21_213.794_301_586_597,
            39_307.895_800_092_71,
            28_729.085_735_721_943,
            5_226.495_278_852_545,
        ];
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-ln(tail)).sqrt();
    let x = if r <= 5.0 {
        r -= 1.6;
        const C: [f64; 8] = [
            1.423_437_110_749_683_5,
            4.630_337_846_156_546,
            5.769_497_221_460_691,
            3.647_848_324_763_204_5,
            1.270_458_252_452_368_4,
            0.241_780_725_177_450_6,
            0.022_723_844_989_269_184,
            7.745_450_142_783_414e-4,
        ];
        const D: [f64; 8] = [
            1.0,
            2.053_191_626_637_759,
            1.676_384_830_183_803_8,
            0.689_767_334_985_1,
            0.148_103_976_427_480_08,
            0.015_198_666_563_616_457,
            5.475_938_084_995_345e-4,
            1.050_750_071_644_416_9e-9,
        ];
        poly(&C, r) / poly(&D, r)
    } else {
        r -= 5.0;
        const E: [f64; 8] = [
            6.657_904_643_501_103,
            5.463_784_911_164_114,
            1.784_826_539_917_291_3,
            0.296_560_571_828_504_9,
            0.026_532_189_526_576_124,
            0.001_242_660_947_388_078_4,
            2.711_555_568_743_487_6e-5,
            2.010_334_399_292_288_1e-7,
        ];
        const F: [f64; 8] = [
            1.0,
            0.599_832_206_555_888,
            0.136_929_880_922_735_8,
            0.014_875_361_290_850_615,
            7.868_691_311_456_133e-4,
            1.846_318_317_510_054_8e-5,
            1.421_511_758_316_446e-7,
            2.044_263_103_389_939_7e-15,
        ];
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn ln_gamma_known_values() {
        assert!(ln_gamma(1.0).abs() < 1e-15);
        assert!(ln_gamma(2.0).abs() < 1e-15);
        // Γ(½) = √π; Γ(10) = 9!; Γ(100.5) from SciPy's gammaln.
        assert!(close(ln_gamma(0.5), 0.572_364_942_924_7, 1e-14));
        assert!(close(ln_gamma(10.0), 12.801_827_480_081_469, 1e-14));
        assert!(close(ln_gamma(100.5), 361.435_540_467_777_57, 1e-14));
        assert!(ln_gamma(0.2).is_nan());
    }

    #[test]
    fn chi_square_and_normal_tails_match_scipy() {
        // scipy.stats.chi2.sf(x, k)
        assert!(close(chi2_sf(3.841_458_820_694_124, 1.0), 0.05, 1e-12));
        assert!(close(chi2_sf(10.0, 3.0), 0.018_566_135_463_043_25, 1e-12));
        assert!(close(
            chi2_sf(200.0, 150.0),
            0.003_973_185_970_821_635,
            1e-10
        ));
        assert!(close(chi2_sf(1.0, 10.0), 0.999_827_884_370_044_1, 1e-13));
        assert_eq!(chi2_sf(0.0, 2.0), 1.0);
        assert!(chi2_sf(1.0, 0.0).is_nan());
        // scipy.stats.norm.cdf
        assert!(close(normal_cdf(1.959_963_984_540_054), 0.975, 1e-14));
        assert!(close(normal_cdf(-3.0), 0.001_349_898_031_630_093_3, 1e-12));
        assert!(close(erfc(5.0), 1.537_459_794_428_034_7e-12, 1e-11));
        assert_eq!(normal_cdf(0.0), 0.5);
        // scipy.stats.norm.ppf
        assert!(close(normal_quantile(0.95), 1.644_853_626_951_472_2, 1e-15));
        assert!(close(normal_quantile(0.975), 1.959_963_984_540_054, 1e-15));
        assert!(close(normal_quantile(1e-10), -6.361_340_902_404_056, 1e-14));
        assert!(close(normal_quantile(0.3), -0.524_400_512_708_041, 1e-14));
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        assert!(normal_quantile(1.5).is_nan());
    }
}
