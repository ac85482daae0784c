package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.synapsebench.kernels.simd.VectorOps.LANES;
import static dev.synapsebench.kernels.simd.VectorOps.SPECIES;

/**
 * The sigmoid on whole vectors, {@code exp} included, from correctly rounded operations only (add,
 * multiply, FMA, min, max, integer shifts of the exponent bits), for {@link SimdBatch}.
 *
 * <p>Why not the Vector API's {@code EXP}: once C2 has compiled a loop it is Intel's SVML, before
 * that (interpreter, C1) it is {@link Math#exp} lane by lane, and the two differ in the last bit
 * now and then. A batch trains its groups one after another while the JIT warms up, so with
 * {@code EXP} a member's bits would depend on when its group ran: on the batch size, the thread
 * count, the order. Every operation here rounds the same in every tier, so they do not. It is also
 * cheaper: SVML's {@code EXP} measured about 5 ns per 8-lane vector on an AVX-512 core (22
 * cycles), the sigmoid's cost in a batched step.
 *
 * <p>Method: Cody and Waite's reduction {@code x = n ln2 + r}, {@code |r| <= ln2/2}, with ln2 in
 * two parts; {@code exp(r)} by its Taylor series to {@code r^13} in Horner form with FMA (truncation
 * below 4e-18 relative on that interval); {@code 2^n} built in the exponent bits. Within about 1
 * ulp of {@link Math#exp}. Inputs are clamped to {@code [-708, 709]} so that {@code 2^n} stays a
 * normal number: below, {@code exp} is under 3.3e-308 (a sigmoid of it is exactly 1 either way);
 * above {@link #OVERFLOW} the result is {@code +inf}, as {@link Math#exp}'s; NaN stays NaN.
 *
 * <p>It runs over arrays ({@link #sigmoidInPlace}), not as a function of a vector, so that no
 * vector crosses a call (the batch's allocation test proves none is boxed).
 */
final class VectorExp {

    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final double LOG2E = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** ln2 in two parts (fdlibm's): {@code x - n*ln2} to about 2^-85. */
    private static final double LN2_HI = 0x1.62e42fee00000p-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -LN2_LO);
    private static final double MIN = -708.0;
    private static final double MAX = 709.0;
    /** Above this {@link Math#exp} overflows to {@code +inf}. */
    static final double OVERFLOW = 709.782712893384;

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

    private VectorExp() {
    }

    /**
     * {@code a[i] = 1 / (1 + exp(-a[i]))} (the scalar kernel's expression) for {@code i} in
     * {@code [from, to)}, a whole number of vectors. One loop with {@code exp} written out in it, so
     * that no vector crosses a call (a vector returned from a method C2 declines to inline is boxed),
     * and the loop's vectors are independent: their polynomials overlap in the pipeline.
     */
    static void sigmoidInPlace(double[] a, int from, int to) {
        for (int i = from; i < to; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, i).neg();
            DoubleVector clamped = x.blend(MIN, x.compare(VectorOperators.LT, MIN)).blend(MAX, x.compare(VectorOperators.GT, MAX));
            DoubleVector t = clamped.fma(LOG2E, SHIFTER);
            DoubleVector n = t.sub(SHIFTER);
            DoubleVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, clamped));
            // Estrin's scheme: the 14 terms in pairs, then pairs of pairs (depth 5 instead of Horner's 13).
            DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
            DoubleVector q0 = r.add(ONE), q1 = r.fma(C3, C2), q2 = r.fma(C5, C4), q3 = r.fma(C7, C6);
            DoubleVector q4 = r.fma(C9, C8), q5 = r.fma(C11, C10), q6 = r.fma(C13, C12);
            DoubleVector p = r8.fma(q6.fma(r4, q5.fma(r2, q4)), q3.fma(r2, q2).fma(r4, q1.fma(r2, q0)));
            DoubleVector scale = t.reinterpretAsLongs().sub(SHIFTER_BITS - 1023).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            VectorMask<Double> overflow = x.compare(VectorOperators.GT, OVERFLOW);
            DoubleVector exp = p.mul(scale).blend(Double.POSITIVE_INFINITY, overflow);
            ONE.div(ONE.add(exp)).intoArray(a, i);
        }
    }
}
