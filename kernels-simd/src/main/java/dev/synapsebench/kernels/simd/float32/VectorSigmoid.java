package dev.synapsebench.kernels.simd.float32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import static dev.synapsebench.kernels.simd.float32.Lanes.LANES;
import static dev.synapsebench.kernels.simd.float32.Lanes.SPECIES;

/**
 * The float32 twin's sigmoid {@code 1 / (1 + exp(-x))} and {@code exp}, written by hand rather than
 * generated: the float64 class's method with float32's constants (the exponent's bias and width, a
 * shorter polynomial, ln2 split for 24-bit products, the clamp). Correctly rounded operations only,
 * so the bits are the same in every JIT tier; see {@code dev.synapsebench.kernels.simd.VectorSigmoid}.
 *
 * <p>Method: {@code x = n ln2 + r}, {@code |r| <= ln2/2}, with ln2 as Cephes's {@code 0.693359375 -
 * 2.12194440e-4} (the first part has 9 significant bits, so {@code x - n * part} is exact);
 * {@code exp(r)} by its Taylor series to {@code r^7} (truncation below 8e-9 relative, an eighth of
 * float32's half ulp) as {@code 1 + (r + r^2 P(r))}, {@code P} in Estrin's scheme with FMA; {@code
 * 2^n} in the exponent bits, as two normal factors where a lane needs them (beyond {@code |x| = 87};
 * else one factor, with the same bits). Inputs are clamped to {@code [-104, 89]}, past which {@code
 * exp} rounds to 0 and {@code +inf}; NaN stays NaN. Within 1 ulp of the correctly rounded {@code exp}
 * ({@code VectorSigmoidFloat32Test}).
 */
public final class VectorSigmoid {

    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1.0f);
    private static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(SPECIES, -0.693359375f);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(SPECIES, 2.12194440e-4f);
    /** Below, {@code exp} rounds to 0 (it is under half the least subnormal); above, to {@code +inf}. */
    private static final float MIN = -104.0f;
    private static final float MAX = 89.0f;
    private static final int EXPONENT_BIAS = 127;
    private static final int MANTISSA_BITS = 23;
    /** Past this magnitude {@code 2^n} is not a normal number, or the input is beyond the clamp. */
    private static final float NORMAL = 87.0f;

    // 1/k!, the Taylor coefficients of degree 7 down to 2 (those of degree 1 and 0 are 1).
    private static final FloatVector C7 = FloatVector.broadcast(SPECIES, (float) (1.0 / 5040.0));
    private static final FloatVector C6 = FloatVector.broadcast(SPECIES, (float) (1.0 / 720.0));
    private static final FloatVector C5 = FloatVector.broadcast(SPECIES, (float) (1.0 / 120.0));
    private static final FloatVector C4 = FloatVector.broadcast(SPECIES, (float) (1.0 / 24.0));
    private static final FloatVector C3 = FloatVector.broadcast(SPECIES, (float) (1.0 / 6.0));
    private static final FloatVector C2 = FloatVector.broadcast(SPECIES, 0.5f);

    private VectorSigmoid() {
    }

    /** {@code a[i] = 1 / (1 + exp(-a[i]))} for {@code i} in {@code [from, to)}, whole vectors. */
    static void sigmoidInPlace(float[] a, int from, int to) {
        apply(a, a, from, to, true);
    }

    /** {@code a[i] = exp(a[i])} for {@code i} in {@code [from, to)}, whole vectors. */
    static void expInPlace(float[] a, int from, int to) {
        apply(a, a, from, to, false);
    }

    /**
     * {@code out[i] = 1 / (1 + exp(-in[i]))} for {@code i} in {@code [from, to)}, whole vectors: for
     * {@code SigmoidBenchmark} (public: the benchmark is in the float64 package).
     */
    public static void sigmoid(float[] in, float[] out, int from, int to) {
        apply(in, out, from, to, true);
    }

    /** {@code out[i] = exp(in[i])} for {@code i} in {@code [from, to)}, whole vectors: for {@code SigmoidBenchmark}. */
    public static void exp(float[] in, float[] out, int from, int to) {
        apply(in, out, from, to, false);
    }

    private static void apply(float[] in, float[] out, int from, int to, boolean sigmoid) {
        for (int i = from; i < to; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, in, i);
            if (sigmoid) {
                x = x.neg();
            }
            // NaN fails the compares and stays NaN; see the float64 class for the two paths
            boolean extreme = x.abs().compare(VectorOperators.GT, NORMAL).anyTrue();
            if (extreme) {
                x = x.blend(MIN, x.compare(VectorOperators.LT, MIN)).blend(MAX, x.compare(VectorOperators.GT, MAX));
            }
            FloatVector t = x.fma(LOG2E, SHIFTER);
            FloatVector n = t.sub(SHIFTER);
            FloatVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, x));
            // exp(r) = 1 + (r + r^2 (C2 + C3 r + ... + C7 r^5)) in Estrin's scheme, the 1 added last
            FloatVector r2 = r.mul(r), r4 = r2.mul(r2);
            FloatVector s0 = r.fma(C3, C2), s1 = r.fma(C5, C4), s2 = r.fma(C7, C6);
            FloatVector rest = s2.fma(r4, s1.fma(r2, s0));
            FloatVector p = rest.fma(r2, r).add(ONE);
            // 2^n in the exponent bits; t's bits are SHIFTER_BITS + n
            IntVector bits = t.reinterpretAsInts().sub(SHIFTER_BITS);
            FloatVector exp;
            if (extreme) {
                // 2^half * 2^(n - half), each a normal number for every n the clamp allows
                IntVector half = bits.lanewise(VectorOperators.ASHR, 1);
                FloatVector scale0 = half.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsFloats();
                FloatVector scale1 = bits.sub(half).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                        .reinterpretAsFloats();
                exp = p.mul(scale0).mul(scale1);
            } else {
                exp = p.mul(bits.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsFloats());
            }
            (sigmoid ? ONE.div(ONE.add(exp)) : exp).intoArray(out, i);
        }
    }
}
