package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species of the {@code simd} backend and the lane constants, shuffles and masks its products
 * derive from it, made once here for {@link VectorOps}' products and {@link FusedStep} alike.
 *
 * <p>One species for everything: {@link DoubleVector#SPECIES_PREFERRED}, the widest the CPU runs
 * natively (512 bits, 8 lanes with AVX-512; 256 bits, 4 lanes with AVX2). The tutorials' matrices
 * are smaller than a vector, so instead of switching to narrower vectors {@link SimdMatrix} packs
 * several short columns into one vector; the shuffles and masks below move values between those
 * packed columns.
 */
final class Lanes {

    /** The widest species the CPU runs natively (512 bits, 8 lanes on AVX-512). */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Half the lane count: the column stride of 3- and 4-row matrices on 8 lanes. */
    static final int HALF = LANES / 2;

    /** {@code REPEAT[j]}: lane {@code l} takes lane {@code l % 2^j}, i.e. a column of {@code 2^j} rows repeated. */
    static final VectorShuffle<Double>[] REPEAT = shuffles(true);
    /** {@code SPREAD[j]}: lane {@code l} takes lane {@code l / 2^j}, i.e. one value per column of {@code 2^j} rows. */
    static final VectorShuffle<Double>[] SPREAD = shuffles(false);
    /** Lanes {@code L/2 .. L-1}: the second of two columns in a vector of half-vector columns. */
    static final VectorMask<Double> UPPER_HALF = VectorMask.fromLong(SPECIES, -1L << (LANES / 2));
    /**
     * Lane {@code l} takes lane {@code l % HALF}: a half-vector column repeated in both halves (the
     * shuffle of {@code REPEAT[log2 HALF]}, as a field of its own for {@link FusedStep}).
     */
    static final VectorShuffle<Double> REPEAT_HALF = VectorShuffle.fromOp(SPECIES, l -> l % Math.max(HALF, 1));
    /** {@code ROW_OF_HALF[r]}: lanes {@code l} with {@code l % HALF == r}, row {@code r} of each half-vector column. */
    static final VectorMask<Double>[] ROW_OF_HALF = rowMasks();
    /**
     * {@code ROWS_FROM_TWO[j]}: from two consecutive vectors of a matrix with column stride
     * {@code 2^j}, the first element of each of {@code L/2} columns, repeated twice (row {@code p}
     * of a narrow matrix laid out for a half-vector-column product); null where those elements
     * span more than two vectors.
     */
    static final VectorShuffle<Double>[] ROWS_FROM_TWO = rowShuffles();
    /**
     * {@code FOLDS[j]}: lane {@code l} takes lane {@code l ^ (L >> (j + 1))}. Adding a vector to
     * itself so shuffled, for each j in turn, leaves the sum of its lanes in every lane, in one fixed
     * order (halves, then quarters, ...). The Vector API's {@code reduceLanes(MicroKernels.ADD)} leaves the order
     * to the implementation: sequential in the interpreter and C1, a tree in C2, so its last bit
     * would depend on the JIT tier.
     */
    static final VectorShuffle<Double>[] FOLDS = foldShuffles();

    private Lanes() {
    }

    static String speciesDescription() {
        return SPECIES.vectorBitSize() + "-bit DoubleVector, " + LANES + " lanes";
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] foldShuffles() {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int distance = LANES >> (j + 1);
            shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> l ^ distance);
        }
        return shuffles;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] rowShuffles() {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int stride = 1 << j;
            if ((HALF - 1) * stride < 2 * LANES) {
                // rearrange(s, v): indexes below 0 take lane (index + L) of the second vector
                shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> {
                    int at = (l % Math.max(HALF, 1)) * stride;
                    return at < LANES ? at : at - 2 * LANES;
                });
            }
        }
        return shuffles;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double masks only
    private static VectorMask<Double>[] rowMasks() {
        VectorMask<Double>[] masks = new VectorMask[Math.max(HALF, 1)];
        for (int r = 0; r < masks.length; r++) {
            long bits = 0;
            for (int l = 0; l < LANES; l++) {
                if (l % masks.length == r) {
                    bits |= 1L << l;
                }
            }
            masks[r] = VectorMask.fromLong(SPECIES, bits);
        }
        return masks;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type; filled with Double shuffles only
    private static VectorShuffle<Double>[] shuffles(boolean tile) {
        int count = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Double>[] shuffles = new VectorShuffle[count];
        for (int j = 0; j < count; j++) {
            int span = 1 << j;
            shuffles[j] = VectorShuffle.fromOp(SPECIES, l -> tile ? l % span : l / span);
        }
        return shuffles;
    }
}
