package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * The sigmoid {@code 1 / (1 + exp(-x))} and {@code exp} on whole vectors, from correctly rounded
 * operations only (add, multiply, FMA, divide, compares, integer shifts of the exponent bits), for
 * every simd path: the fused register paths, the per-operation products, the blocked products'
 * epilogue and the batch. The float32 twin's is its own class ({@code float32.VectorSigmoid}): the
 * bit tricks are per format.
 *
 * <p>Why not the Vector API's {@code EXP}: once C2 has compiled a loop it is Intel's SVML, before
 * that (interpreter, C1) it is {@link Math#exp} lane by lane, and the two differ in the last bit
 * now and then, so a network's bits would depend on the JIT tier it trained in. Every operation
 * here rounds the same in every tier.
 *
 * <p>Method: Cody and Waite's reduction {@code x = n ln2 + r}, {@code |r| <= ln2/2}, with ln2 in
 * two parts; {@code exp(r)} by its Taylor series to {@code r^13} (truncation below 4e-18 relative on
 * that interval) as {@code 1 + (r + r^2 P(r))}, {@code P} in Estrin's scheme with FMA; {@code 2^n}
 * built in the exponent bits, as two factors {@code 2^(n/2)} where a lane needs them (see {@link
 * #apply}), so that results that overflow, underflow or are subnormal round as {@link Math#exp}'s
 * do. Inputs are clamped to {@code [-746, 710]}, past which {@code exp} is 0 and {@code +inf}; NaN
 * stays NaN. Within 1 ulp of the correctly rounded {@code exp} ({@code VectorSigmoidTest}).
 *
 * <p>It runs over arrays, not as a function of a vector, so that no vector crosses a call: a vector
 * returned from a method C2 declines to inline is boxed, and its allocation tests would see it.
 */
final class VectorSigmoid {

    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** ln2 in two parts (fdlibm's): {@code x - n*ln2} to about 2^-85. */
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -0x1.62e42fee00000p-1);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -0x1.a39ef35793c76p-33);
    /** Below, {@code exp} rounds to 0 (it is under half the least subnormal); above, to {@code +inf}. */
    private static final double MIN = -746.0;
    private static final double MAX = 710.0;
    private static final int EXPONENT_BIAS = 1023;
    private static final int MANTISSA_BITS = 52;
    /**
     * Past this magnitude {@code 2^n} is not a normal number (n outside [-1022, 1023]), or the input
     * is beyond the clamp: such vectors take the clamp and the two-factor scale.
     */
    private static final double NORMAL = 708.0;
    /** Added to t's bits: n + 2048, non-negative for every n the clamp allows, and even. */
    private static final long HALF_OFFSET = 2048 - SHIFTER_BITS;

    // 1/k!, the Taylor coefficients of degree 13 down to 2 (those of degree 1 and 0 are 1).
    private static final DoubleVector C13 = DoubleVector.broadcast(SPECIES, 1.0 / 6227020800.0);
    private static final DoubleVector C12 = DoubleVector.broadcast(SPECIES, 1.0 / 479001600.0);
    private static final DoubleVector C11 = DoubleVector.broadcast(SPECIES, 1.0 / 39916800.0);
    private static final DoubleVector C10 = DoubleVector.broadcast(SPECIES, 1.0 / 3628800.0);
    private static final DoubleVector C9 = DoubleVector.broadcast(SPECIES, 1.0 / 362880.0);
    private static final DoubleVector C8 = DoubleVector.broadcast(SPECIES, 1.0 / 40320.0);
    private static final DoubleVector C7 = DoubleVector.broadcast(SPECIES, 1.0 / 5040.0);
    private static final DoubleVector C6 = DoubleVector.broadcast(SPECIES, 1.0 / 720.0);
    private static final DoubleVector C5 = DoubleVector.broadcast(SPECIES, 1.0 / 120.0);
    private static final DoubleVector C4 = DoubleVector.broadcast(SPECIES, 1.0 / 24.0);
    private static final DoubleVector C3 = DoubleVector.broadcast(SPECIES, 1.0 / 6.0);
    private static final DoubleVector C2 = DoubleVector.broadcast(SPECIES, 1.0 / 2.0);

    private VectorSigmoid() {
    }

    /** {@code a[i] = 1 / (1 + exp(-a[i]))} (the scalar kernel's expression) for {@code i} in {@code [from, to)}, whole vectors. */
    static void sigmoidInPlace(double[] a, int from, int to) {
        apply(a, a, from, to, true);
    }

    /** {@code a[i] = exp(a[i])} for {@code i} in {@code [from, to)}, whole vectors. */
    static void expInPlace(double[] a, int from, int to) {
        apply(a, a, from, to, false);
    }

    /** {@code out[i] = 1 / (1 + exp(-in[i]))} for {@code i} in {@code [from, to)}, whole vectors: for {@code SigmoidBenchmark}. */
    static void sigmoid(double[] in, double[] out, int from, int to) {
        apply(in, out, from, to, true);
    }

    /** {@code out[i] = exp(in[i])} for {@code i} in {@code [from, to)}, whole vectors: for {@code SigmoidBenchmark}. */
    static void exp(double[] in, double[] out, int from, int to) {
        apply(in, out, from, to, false);
    }

    /**
     * One loop with {@code exp} written out in it, so that no vector crosses a call, and the loop's
     * vectors are independent: their polynomials overlap in the pipeline. {@code sigmoid} is the
     * same for the whole loop, which C2 unswitches. A vector with a lane beyond {@link #NORMAL}
     * (rare in a network: {@code exp} near overflow or subnormal, or an infinity) is clamped and
     * scaled in two factors; every other vector skips both (one compare instead of four operations
     * for the clamp and five for the second factor), with the same bits: for those lanes the clamp
     * changes nothing, and scaling by {@code 2^n} at once or in two powers of two is exact either way.
     */
    private static void apply(double[] in, double[] out, int from, int to, boolean sigmoid) {
        for (int i = from; i < to; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, in, i);
            if (sigmoid) {
                x = x.neg();
            }
            // NaN fails the compares and stays NaN
            boolean extreme = x.abs().compare(VectorOperators.GT, NORMAL).anyTrue();
            if (extreme) {
                x = x.blend(MIN, x.compare(VectorOperators.LT, MIN)).blend(MAX, x.compare(VectorOperators.GT, MAX));
            }
            DoubleVector t = x.fma(LOG2E, SHIFTER);
            DoubleVector n = t.sub(SHIFTER);
            DoubleVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, x));
            // exp(r) = 1 + (r + r^2 (C2 + C3 r + ... + C13 r^11)), the 12 terms in Estrin's scheme (pairs,
            // then pairs of pairs: depth 4 instead of Horner's 11); the 1 is added last, so that the
            // result is rounded once near 1 and the small terms' rounding stays below its ulp
            DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
            DoubleVector s0 = r.fma(C3, C2), s1 = r.fma(C5, C4), s2 = r.fma(C7, C6), s3 = r.fma(C9, C8);
            DoubleVector s4 = r.fma(C11, C10), s5 = r.fma(C13, C12);
            DoubleVector rest = s5.fma(r2, s4).fma(r8, s3.fma(r2, s2).fma(r4, s1.fma(r2, s0)));
            DoubleVector p = rest.fma(r2, r).add(ONE);
            // 2^n in the exponent bits; t's bits are SHIFTER_BITS + n
            LongVector bits = t.reinterpretAsLongs();
            DoubleVector exp;
            if (extreme) {
                // 2^h * 2^(n - h), h = floor(n / 2), each a normal number for every n the clamp allows;
                // h by a logical shift of n + 2048 (AVX2 has no arithmetic shift of 64-bit lanes)
                LongVector hBiased = bits.add(HALF_OFFSET).lanewise(VectorOperators.LSHR, 1); // h + 1024
                DoubleVector scale0 = hBiased.add(EXPONENT_BIAS - 1024).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsDoubles();
                DoubleVector scale1 = bits.sub(hBiased).add(EXPONENT_BIAS + 1024 - SHIFTER_BITS)
                        .lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsDoubles();
                exp = p.mul(scale0).mul(scale1);
            } else {
                exp = p.mul(bits.add(EXPONENT_BIAS - SHIFTER_BITS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsDoubles());
            }
            (sigmoid ? ONE.div(ONE.add(exp)) : exp).intoArray(out, i);
        }
    }
}
