package dev.synapsebench.kernels.simd.float32;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.synapsebench.kernels.simd.float32.Lanes.LANES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy of the float32 twin's own {@code exp}: within 1 ulp of the correctly rounded value
 * ({@code (float) StrictMath.exp}, the double result rounded once more, which is the correctly
 * rounded float but for ties far rarer than an ulp's error) on 2^24 inputs over its whole range,
 * and {@code (float) Math.exp} at the edges.
 */
class VectorSigmoidFloat32Test {

    private static final int INPUTS = 1 << 24;
    private static final int CHUNK = 1 << 12;

    private static float[] exp(float... x) {
        float[] a = new float[(x.length + LANES - 1) / LANES * LANES];
        System.arraycopy(x, 0, a, 0, x.length);
        VectorSigmoid.expInPlace(a, 0, a.length);
        return a;
    }

    @Test
    void withinOneUlpOfTheCorrectlyRoundedValue() {
        SplittableRandom random = new SplittableRandom(20261207);
        float[] x = new float[CHUNK];
        int differing = 0;
        for (int done = 0; done < INPUTS; done += CHUNK) {
            for (int i = 0; i < CHUNK; i++) {
                x[i] = (float) (done < INPUTS / 2 ? random.nextDouble(-103.9, 88.7) : random.nextDouble(-1.0, 1.0));
            }
            float[] ours = exp(x);
            for (int i = 0; i < CHUNK; i++) {
                float reference = (float) StrictMath.exp(x[i]);
                if (ours[i] != reference) {
                    differing++;
                    assertTrue(Math.abs(ours[i] - reference) <= Math.ulp(reference),
                            "exp(" + x[i] + ") = " + ours[i] + ", correctly rounded " + reference);
                }
            }
        }
        assertTrue(differing < INPUTS / 10, differing + " of " + INPUTS + " differ from the correctly rounded by an ulp");
    }

    /** As the float64 test: a lane beside one past the normal range keeps its bits. */
    @Test
    void aLanesBitsDoNotDependOnItsNeighbours() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            x[i] = (float) random.nextDouble(-87.0, 87.0);
        }
        float[] alone = exp(x);
        for (float neighbour : new float[] {-100.0f, 88.5f, Float.NEGATIVE_INFINITY}) {
            for (int lane = 0; lane < LANES; lane++) {
                float[] mixed = x.clone();
                for (int v = lane; v < CHUNK; v += LANES) {
                    mixed[v] = neighbour;
                }
                float[] beside = exp(mixed);
                for (int i = 0; i < CHUNK; i++) {
                    if (i % LANES != lane) {
                        assertEquals(Float.floatToRawIntBits(alone[i]), Float.floatToRawIntBits(beside[i]),
                                "exp(" + x[i] + ") beside exp(" + neighbour + ")");
                    }
                }
            }
        }
    }

    @Test
    void theEdgesAreMathExps() {
        float[] edges = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.72f, 88.73f,
                89.0f, 1e38f, -103.98f, -104.0f, -1e38f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f};
        float[] ours = exp(edges);
        for (int i = 0; i < edges.length; i++) {
            float reference = (float) Math.exp(edges[i]);
            if (reference == 0 || reference == 1 || !Float.isFinite(reference)) { // 0, 1, +inf and NaN exactly
                assertEquals(reference, ours[i], "exp(" + edges[i] + ")");
            } else { // just below overflow and underflow
                assertTrue(Math.abs(ours[i] - reference) <= Math.ulp(reference), "exp(" + edges[i] + ") = " + ours[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        float[] low = new float[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            low[i] = (float) random.nextDouble(-103.9, -87.0); // subnormal results
        }
        float[] subnormal = exp(low);
        for (int i = 0; i < CHUNK; i++) {
            float reference = (float) Math.exp(low[i]);
            assertTrue(Math.abs(subnormal[i] - reference) <= Math.ulp(reference), "exp(" + low[i] + ")");
        }
    }
}
